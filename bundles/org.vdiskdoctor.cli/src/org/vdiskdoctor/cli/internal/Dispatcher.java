// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vdiskdoctor.cli.ExitCodes;
import org.vdiskdoctor.cli.VDiskDoctorCli;

/** Picks the sub-command, parses its arguments, prints help, version and usage errors. */
public final class Dispatcher {

    static final String DESCRIPTION = "Finds out why a virtual machine's disk will not attach, mount or boot. Read-only.";
    /** The exit codes --help lists (docs/cli.md has the same table). */
    static final List<String[]> EXIT_CODES = List.of(new String[] { "0", "no finding worse than info" },
            new String[] { "1", "the tool failed (internal error, time budget)" },
            new String[] { "2", "at least one error finding" },
            new String[] { "3", "at least one warning finding (no errors)" },
            new String[] { "13", "the launcher could not start the application" },
            new String[] { "64", "usage error" });

    /** The sub-commands, in the order --help lists them. */
    private static final Map<String, Subcommand> COMMANDS = new LinkedHashMap<>();
    static {
        for (Subcommand c : List.of(new DiagnoseCommand(), new InspectCommand(), new CodesCommand())) {
            COMMANDS.put(c.syntax().name(), c);
        }
    }

    private Dispatcher() {
    }

    /** Runs the command line and returns the exit code. */
    public static int run(String[] args, VDiskDoctorCli.Context ctx, PrintWriter out, PrintWriter err) {
        try {
            return dispatch(args, ctx, out, err);
        } catch (UsageException e) {
            err.println("vdisk-doctor: " + e.getMessage());
            if (!e.suggestions().isEmpty()) err.println("Did you mean: " + String.join(" or ", e.suggestions()) + "?");
            err.println("Try 'vdisk-doctor" + (e.command() == null ? "" : " " + e.command().name()) + " --help'.");
            return ExitCodes.USAGE;
        } catch (IOException | RuntimeException e) {
            err.println("vdisk-doctor: internal error: " + e);
            if (Boolean.getBoolean("vdiskdoctor.debug")) e.printStackTrace(err);
            return ExitCodes.TOOL_FAILURE;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int dispatch(String[] args, VDiskDoctorCli.Context ctx, PrintWriter out, PrintWriter err)
            throws UsageException, IOException {
        if (args.length == 0) throw new UsageException("a sub-command is required", null);
        String first = args[0];
        if (first.equals("--version") || first.equals("-V")) {
            out.println(version(ctx));
            return ExitCodes.OK;
        }
        if (first.equals("--help") || first.equals("-h")) {
            printHelp(out);
            return ExitCodes.OK;
        }
        Subcommand command = COMMANDS.get(first);
        if (command == null) {
            List<String> close = new ArrayList<>();
            for (String name : COMMANDS.keySet()) {
                if (Suggest.close(first, name)) close.add("vdisk-doctor " + name);
            }
            String what = first.startsWith("-") ? "unknown option '" : "unknown sub-command '";
            throw new UsageException(what + first + "'", null, close);
        }
        ParsedArgs parsed = command.syntax().parse(args, 1);
        if (parsed.has(CommandSyntax.HELP)) {
            command.syntax().printHelp(out);
            return ExitCodes.OK;
        }
        if (parsed.has(CommandSyntax.VERSION)) {
            out.println(version(ctx));
            return ExitCodes.OK;
        }
        return command.run(parsed, ctx, out, err);
    }

    /** {@code --version}'s line. */
    static String version(VDiskDoctorCli.Context ctx) {
        return "vdisk-doctor " + (ctx == null ? "dev" : ctx.version());
    }

    static void printHelp(PrintWriter out) {
        out.println("Usage: vdisk-doctor [-hV] COMMAND [OPTIONS] ARGS...");
        out.println(DESCRIPTION);
        out.println();
        CommandSyntax.row(out, "-h, --help", CommandSyntax.HELP.description());
        CommandSyntax.row(out, "-V, --version", CommandSyntax.VERSION.description());
        out.println("Commands:");
        for (Subcommand c : COMMANDS.values()) CommandSyntax.row(out, c.syntax().name(), c.syntax().description());
        out.println();
        out.println("Run 'vdisk-doctor COMMAND --help' for a command's options.");
        out.println();
        out.println("Exit codes:");
        for (String[] e : EXIT_CODES) CommandSyntax.row(out, e[0], e[1]);
        out.flush();
    }
}
