// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.cli;

/**
 * The exit codes scripts rely on (documented in docs/cli.md). Never change a meaning once released.
 */
public final class ExitCodes {
    private ExitCodes() {
    }

    /** No finding worse than info (expected-stale states included). */
    public static final int OK = 0;
    /** The tool itself failed: an internal error, or a time budget ran out. */
    public static final int TOOL_FAILURE = 1;
    /** At least one error finding. */
    public static final int ERRORS = 2;
    /** At least one warning finding, no errors. */
    public static final int WARNINGS = 3;
    /** The launcher could not start the application (Equinox's own code; no JDK, failed build, broken install). */
    public static final int LAUNCH_FAILED = 13;
    /** Bad usage: unknown option or sub-command, missing or bad argument (BSD sysexits EX_USAGE). */
    public static final int USAGE = 64;
}
