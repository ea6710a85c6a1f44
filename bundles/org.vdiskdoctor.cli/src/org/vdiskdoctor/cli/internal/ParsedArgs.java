// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.cli.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A parsed command line: option values by option, operands in order; typed getters say what was wrong. */
public final class ParsedArgs {

    private final CommandSyntax syntax;
    private final Map<CommandSyntax.Option, List<String>> values;
    private final List<String> operands;

    ParsedArgs(CommandSyntax syntax, Map<CommandSyntax.Option, List<String>> values, List<String> operands) {
        this.syntax = syntax;
        this.values = values;
        this.operands = List.copyOf(operands);
    }

    CommandSyntax syntax() {
        return syntax;
    }

    boolean has(CommandSyntax.Option o) {
        return values.containsKey(o);
    }

    /** The last value given, else the default (null when there is none). */
    String value(CommandSyntax.Option o) {
        List<String> v = values.get(o);
        return v == null ? o.defaultValue() : v.get(v.size() - 1);
    }

    List<String> all(CommandSyntax.Option o) {
        return values.getOrDefault(o, List.of());
    }

    long longValue(CommandSyntax.Option o) throws UsageException {
        return number(o, Long::parseLong, "a whole number");
    }

    int intValue(CommandSyntax.Option o) throws UsageException {
        return number(o, Integer::parseInt, "a whole number");
    }

    private <T> T number(CommandSyntax.Option o, java.util.function.Function<String, T> parse, String expected)
            throws UsageException {
        String v = value(o);
        try {
            return parse.apply(v.strip());
        } catch (NumberFormatException e) {
            throw invalid(o, v, expected);
        }
    }

    double doubleValue(CommandSyntax.Option o) throws UsageException {
        double d = number(o, Double::parseDouble, "a number");
        if (Double.isNaN(d)) throw invalid(o, value(o), "a number");
        return d;
    }

    Path path(CommandSyntax.Option o) throws UsageException {
        String v = value(o);
        return v == null ? null : toPath(v, o.longName());
    }

    List<Path> paths(CommandSyntax.Option o) throws UsageException {
        List<Path> p = new ArrayList<>();
        for (String v : all(o)) p.add(toPath(v, o.longName()));
        return p;
    }

    List<Path> operandPaths() throws UsageException {
        List<Path> p = new ArrayList<>();
        for (String v : operands) p.add(toPath(v, "PATH"));
        return p;
    }

    private Path toPath(String v, String what) throws UsageException {
        try {
            return Path.of(v);
        } catch (InvalidPathException e) {
            throw new UsageException(what + ": '" + v + "' is not a valid path (" + e.getReason() + ")", syntax);
        }
    }

    private UsageException invalid(CommandSyntax.Option o, String v, String expected) {
        return new UsageException(o.longName() + ": '" + v + "' is not " + expected, syntax);
    }
}
