// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.cli;

import java.io.PrintWriter;
import java.util.function.Supplier;

import org.vdiskdoctor.cli.internal.CodesCommand;
import org.vdiskdoctor.cli.internal.DiagnoseCommand;
import org.vdiskdoctor.cli.internal.InspectCommand;
import org.vdiskdoctor.core.engine.DiagnosisEngine;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code vdisk-doctor} command line. Runs the same engine as the workbench and renders the same result objects,
 * as text or as JSON ({@code --json}, schema in docs/cli.md). Usable without OSGi: give it an engine supplier.
 */
@Command(name = "vdisk-doctor", mixinStandardHelpOptions = true, versionProvider = VDiskDoctorCli.Version.class,
        description = "Finds out why a virtual machine's disk will not attach, mount or boot. Read-only.",
        subcommands = { DiagnoseCommand.class, InspectCommand.class, CodesCommand.class },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:no finding worse than info", "1:the tool failed (internal error, time budget)",
                "2:at least one error finding", "3:at least one warning finding (no errors)",
                "13:the launcher could not start the application", "64:usage error" })
public final class VDiskDoctorCli implements Runnable {

    /** What the commands need from their environment. */
    public record Context(Supplier<DiagnosisEngine> engine, String version, boolean stderrIsTerminal) {
    }

    private static Context context;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and returns the exit code. */
    public static int run(String[] args, Context ctx, PrintWriter out, PrintWriter err) {
        context = ctx;
        CommandLine cl = new CommandLine(new VDiskDoctorCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("vdisk-doctor: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println("vdisk-doctor: internal error: " + ex);
            if (Boolean.getBoolean("vdiskdoctor.debug")) ex.printStackTrace(c.getErr());
            return ExitCodes.TOOL_FAILURE;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The context of the running command line. */
    public static Context context() {
        return context;
    }

    @Override
    public void run() {
        // No sub-command: the launcher opens the workbench instead; here, print usage and fail as a usage error.
        throw new CommandLine.ParameterException(spec.commandLine(), "a sub-command is required");
    }

    /** Prints the version of the running product. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] { "vdisk-doctor " + (context == null ? "dev" : context.version()) };
        }
    }
}
