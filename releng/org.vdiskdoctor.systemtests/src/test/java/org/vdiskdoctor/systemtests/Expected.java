// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.systemtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** samples/EXPECTED: for each sample, the exit code of diagnosing it alone and its finding codes. */
record Expected(int exit, Set<String> codes) {

    static Map<String, Expected> load() throws IOException {
        Map<String, Expected> m = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Cli.SAMPLES.resolve("EXPECTED"))) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) continue;
            String[] f = t.split("\\s+");
            Set<String> codes = new TreeSet<>();
            for (int i = 2; i < f.length; i++) {
                if (!f[i].equals("-")) codes.add(f[i]);
            }
            m.put(f[0], new Expected(Integer.parseInt(f[1]), codes));
        }
        if (m.isEmpty()) throw new AssertionError("samples/EXPECTED lists no samples");
        return m;
    }

    static Path sample(String name) {
        return Cli.SAMPLES.resolve(name);
    }
}
