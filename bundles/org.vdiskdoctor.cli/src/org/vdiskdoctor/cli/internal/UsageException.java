// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.cli.internal;

/** A usage error (exit code 64): the message, and the command whose help the user should read (null: the top). */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient CommandSyntax command;
    private final transient java.util.List<String> suggestions;

    UsageException(String message, CommandSyntax command) {
        this(message, command, java.util.List.of());
    }

    UsageException(String message, CommandSyntax command, java.util.List<String> suggestions) {
        super(message);
        this.command = command;
        this.suggestions = java.util.List.copyOf(suggestions);
    }

    CommandSyntax command() {
        return command;
    }

    /** Close spellings of what the user mistyped, to print as "Did you mean". */
    java.util.List<String> suggestions() {
        return suggestions;
    }
}
