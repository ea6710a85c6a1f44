// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.gpt.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What {@code sgdisk -v} thinks of a disk, from its text: its exit code is 0 even when it reports problems. Its
 * output is paragraphs separated by blank lines; a paragraph is a problem when it says Caution, Warning, Problem,
 * invalid, does not match, not at the end, smaller than or ERROR, except the alignment advice ("doesn't end on a
 * 2048-sector boundary") that it gives for healthy disks too. A crash (gdisk 1.0.9 dies of std::bad_alloc on a huge
 * entry count) is a problem as well.
 */
record SgdiskVerdict(int exit, List<String> problems, boolean saysNoProblems, String text) {

    private static final Pattern PROBLEM = Pattern.compile(
            "caution|warning|problem|invalid|does not match|doesn't match|not at the end|smaller than|error|too big");
    private static final Pattern ALIGNMENT = Pattern.compile("doesn't (end|begin) on a \\d+-sector boundary");
    private static final Pattern NO_PROBLEMS = Pattern.compile("^No problems found\\.", Pattern.MULTILINE);

    static SgdiskVerdict of(Path disk) throws IOException, InterruptedException {
        GptFixture.Run r = GptFixture.exec("sgdisk", "-v", disk.toString());
        return parse(r.exit(), r.out());
    }

    static SgdiskVerdict parse(int exit, String text) {
        List<String> problems = new ArrayList<>();
        for (String paragraph : text.split("\\n\\s*\\n")) {
            String p = paragraph.strip();
            if (p.isEmpty() || ALIGNMENT.matcher(p).find() || NO_PROBLEMS.matcher(p).find()) continue;
            if (PROBLEM.matcher(p.toLowerCase(Locale.ROOT)).find()) problems.add(p.replaceAll("\\s+", " "));
        }
        if (exit != 0) problems.add("sgdisk -v exited " + exit);
        return new SgdiskVerdict(exit, List.copyOf(problems), NO_PROBLEMS.matcher(text).find(), text);
    }

    /** sgdisk sees something wrong. */
    boolean reportsProblem() {
        return !problems.isEmpty();
    }
}
