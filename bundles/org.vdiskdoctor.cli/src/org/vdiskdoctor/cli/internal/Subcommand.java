// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;

import org.vdiskdoctor.cli.VDiskDoctorCli;

/** One sub-command of {@code vdisk-doctor}: what it accepts, and what it does with a parsed command line. */
public interface Subcommand {

    CommandSyntax syntax();

    /** Runs the command and returns its exit code; stdout gets the result, stderr progress and errors. */
    int run(ParsedArgs args, VDiskDoctorCli.Context context, PrintWriter out, PrintWriter err)
            throws UsageException, IOException;
}
