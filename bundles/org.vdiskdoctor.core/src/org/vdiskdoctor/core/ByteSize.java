// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core;

import java.util.Locale;

/** Sizes for people: binary units, as the command line and the workbench both print them. */
public final class ByteSize {
    private ByteSize() {
    }

    private static final String[] UNITS = { "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };

    /** "512 B", "1.0 KiB", "16.0 MiB", "120 GiB". */
    public static String format(long bytes) {
        if (bytes < 1024) return bytes + " B";
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < UNITS.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, UNITS[u]);
    }
}
