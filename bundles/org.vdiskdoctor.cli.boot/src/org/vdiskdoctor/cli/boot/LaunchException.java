// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.cli.boot;

/** The command line could not be started; the message says why, for the user (exit code 13). */
final class LaunchException extends Exception {
    private static final long serialVersionUID = 1L;

    LaunchException(String message) {
        super(message);
    }

    LaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
