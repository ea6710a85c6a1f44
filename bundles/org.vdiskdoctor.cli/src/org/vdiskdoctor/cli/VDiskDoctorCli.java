// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.cli;

import java.io.PrintWriter;
import java.util.List;
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
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:no finding worse than info", "1:the tool failed (internal error, time budget)",
                "2:at least one error finding", "3:at least one warning finding (no errors)",
                "13:the launcher could not start the application", "64:usage error" })
public final class VDiskDoctorCli implements Runnable {

    /** What the commands need from their environment. */
    public record Context(Supplier<DiagnosisEngine> engine, String version, boolean stderrIsTerminal) {
    }

    // The sub-commands, in the order --help lists them. Added by run(), not by the annotation: picocli builds the
    // model of every sub-command it is given, by reflection, and a run needs only the one it names.
    private static final List<Class<?>> COMMANDS = List.of(DiagnoseCommand.class, InspectCommand.class,
            CodesCommand.class);

    private static Context context;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and returns the exit code. */
    public static int run(String[] args, Context ctx, PrintWriter out, PrintWriter err) {
        context = ctx;
        if (args.length == 1 && ("--version".equals(args[0]) || "-V".equals(args[0]))) {
            // What scripts ask most often, answered without building a command model; the same text as picocli's.
            for (String line : new Version().getVersion()) out.println(line);
            out.flush();
            return ExitCodes.OK;
        }
        CommandLine cl = new CommandLine(new VDiskDoctorCli());
        Class<?> named = args.length == 0 ? null : COMMANDS.stream()
                .filter(c -> c.getAnnotation(Command.class).name().equals(args[0])).findFirst().orElse(null);
        if (named != null) {
            cl.addSubcommand(named);
        } else {
            COMMANDS.forEach(cl::addSubcommand); // help, or a usage error that suggests the closest sub-command
        }
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
