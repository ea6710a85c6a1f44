// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.cli.internal;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one command accepts (options, then PATH operands) and its help text; parses a command line into
 * {@link ParsedArgs}. Written by hand, not with an annotation-driven library: building such a model by reflection
 * took a third of a small diagnosis's run time, and the command line is small. GNU conventions: {@code --name value},
 * {@code --name=value}, bundled short flags ({@code -rh}), {@code --} ends the options.
 */
public final class CommandSyntax {

    /** One option; {@code label} is null for a flag. */
    public record Option(List<String> names, String label, String defaultValue, String description) {
        boolean isFlag() {
            return label == null;
        }

        String longName() {
            return names.get(names.size() - 1);
        }
    }

    /** The operands: {@code min} to {@code max} of them. */
    public record Operands(String label, int min, int max, String description) {
    }

    static final Option HELP = new Option(List.of("-h", "--help"), null, null, "Show this help message and exit.");
    static final Option VERSION = new Option(List.of("-V", "--version"), null, null,
            "Print version information and exit.");

    private final String name;
    private final String description;
    private final Operands operands;
    private final Map<String, Option> byName = new HashMap<>();
    private final List<Option> options = new ArrayList<>();

    CommandSyntax(String name, String description, Operands operands, List<Option> options) {
        this.name = name;
        this.description = description;
        this.operands = operands;
        List<Option> all = new ArrayList<>(options);
        all.add(HELP);
        all.add(VERSION);
        for (Option o : all) {
            this.options.add(o);
            for (String n : o.names()) {
                if (byName.put(n, o) != null) throw new IllegalArgumentException("option " + n + " twice in " + name);
            }
        }
    }

    public String name() {
        return name;
    }

    String description() {
        return description;
    }

    public List<Option> options() {
        return List.copyOf(options);
    }

    /** Parses the arguments after the command's name. */
    ParsedArgs parse(String[] args, int from) throws UsageException {
        Map<Option, List<String>> values = new LinkedHashMap<>();
        List<String> operandValues = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (optionsEnded || a.equals("-") || !a.startsWith("-")) {
                operandValues.add(a);
            } else if (a.equals("--")) {
                optionsEnded = true;
            } else if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                String n = eq < 0 ? a : a.substring(0, eq);
                Option o = byName.get(n);
                if (o == null) throw unknown(a);
                if (o.isFlag()) {
                    if (eq >= 0) throw new UsageException(n + " takes no value ('" + a + "')", this);
                    values.computeIfAbsent(o, k -> new ArrayList<>()).add("true");
                } else if (eq >= 0) {
                    values.computeIfAbsent(o, k -> new ArrayList<>()).add(a.substring(eq + 1));
                } else if (i + 1 < args.length) {
                    values.computeIfAbsent(o, k -> new ArrayList<>()).add(args[++i]);
                } else {
                    throw new UsageException(n + " needs a value (" + o.label() + ")", this);
                }
            } else {
                // short options, bundled flags (-rh), or a short option with its value (-xVALUE / -x VALUE)
                for (int c = 1; c < a.length(); c++) {
                    String n = "-" + a.charAt(c);
                    Option o = byName.get(n);
                    if (o == null) throw unknown(c == 1 ? a : n + " (in " + a + ")");
                    if (o.isFlag()) {
                        values.computeIfAbsent(o, k -> new ArrayList<>()).add("true");
                        continue;
                    }
                    String v = c + 1 < a.length() ? a.substring(c + 1) : i + 1 < args.length ? args[++i] : null;
                    if (v == null) throw new UsageException(n + " needs a value (" + o.label() + ")", this);
                    values.computeIfAbsent(o, k -> new ArrayList<>()).add(v);
                    break;
                }
            }
        }
        ParsedArgs parsed = new ParsedArgs(this, values, operandValues);
        if (parsed.has(HELP) || parsed.has(VERSION)) return parsed; // operands are not required then
        if (operandValues.size() < operands.min()) {
            throw new UsageException("missing " + operands.label() + (operands.max() > 1 ? "..." : ""), this);
        }
        if (operandValues.size() > operands.max()) {
            throw new UsageException("unexpected argument '" + operandValues.get(operands.max()) + "'", this);
        }
        return parsed;
    }

    private UsageException unknown(String what) {
        return new UsageException("unknown option '" + what + "'", this, suggestions(what));
    }

    /** The closest option names to a mistyped one (edit distance at most 2, or a common prefix of 3). */
    List<String> suggestions(String typed) {
        String t = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
        List<String> close = new ArrayList<>();
        for (Option o : options) {
            String n = o.longName();
            if (Suggest.close(t, n)) close.add(n);
        }
        return close;
    }

    /** The help: usage line, description, operands and options with their defaults. */
    void printHelp(PrintWriter out) {
        String operand = operands.max() == 0 ? "" : operands.label() + (operands.max() > 1 ? "..." : "");
        out.println("Usage: vdisk-doctor " + name + " [OPTIONS]" + (operand.isEmpty() ? "" : " " + operand));
        out.println(description);
        out.println();
        if (!operand.isEmpty()) row(out, operand, operands.description());
        for (Option o : options) {
            String names = String.join(", ", o.names()) + (o.isFlag() ? "" : "=" + o.label());
            String text = o.description()
                    + (o.defaultValue() == null ? "" : " (default: " + o.defaultValue() + ")");
            row(out, names.startsWith("--") ? "    " + names : names, text);
        }
        out.flush();
    }

    static void row(PrintWriter out, String left, String text) {
        String l = "  " + left;
        if (l.length() > 28) {
            out.println(l);
            l = "";
        }
        out.printf("%-30s%s%n", l, text);
    }
}
