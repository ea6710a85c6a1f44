// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core;

import java.util.Locale;

/** How bad a finding is. The order matters: later constants are worse. */
public enum Severity {
    /** Worth knowing; does not stop the disk from attaching (exit code 0). */
    INFO,
    /** Something is off but the disk still works, or an expected-stale state went wrong (exit code 3). */
    WARNING,
    /** The disk will not attach, mount or boot as it is, or data is at risk (exit code 2). */
    ERROR;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    public static Severity worst(Severity a, Severity b) {
        if (a == null) return b;
        if (b == null) return a;
        return a.compareTo(b) >= 0 ? a : b;
    }
}
