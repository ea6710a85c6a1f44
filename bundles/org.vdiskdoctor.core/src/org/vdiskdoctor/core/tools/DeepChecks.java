// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.tools;

import org.vdiskdoctor.core.CoreCodes;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.spi.GuestVolume;

/**
 * The findings every deep check shares: the tool is not installed, the check was skipped (and why), the tool failed
 * (timed out, could not start, said something we do not understand). What a tool found is reported with the
 * filesystem bundle's own codes.
 */
public final class DeepChecks {

    private DeepChecks() {
    }

    /** {@code tool} is not installed; {@code debianPackage} would provide it. */
    public static Finding toolMissing(GuestVolume v, String tool, String debianPackage) {
        // a partition table's check runs on the whole disk, where no filesystem was recognised
        String what = v.volume().filesystem() == null ? v.volume().label() : v.volume().filesystem() + " filesystem";
        return v.finding(CoreCodes.DEEP_TOOL_MISSING, tool + " is not installed, so its read-only check of this "
                + what + " did not run (Debian package " + debianPackage + ")", 0, 0);
    }

    /** The check of {@code tool} did not run because of {@code reason}. */
    public static Finding skipped(GuestVolume v, String tool, String reason) {
        return v.finding(CoreCodes.DEEP_SKIPPED, "the " + tool + " check was skipped: " + reason, 0, 0);
    }

    /** {@code tool} ran but gave no usable verdict: {@code what} says why (timeout, crash, output not understood). */
    public static Finding toolFailed(GuestVolume v, String tool, String what) {
        return v.finding(CoreCodes.DEEP_TOOL_FAILED, tool + " gave no usable verdict: " + what, 0, 0);
    }

    /** The finding for a run that timed out or was cut short, or {@code null} when the run is usable. */
    public static Finding unusable(GuestVolume v, String tool, ExternalTool.Result r) {
        if (r.timedOut()) {
            return toolFailed(v, tool, "stopped after the time limit of " + v.deepCheck().timeout().toSeconds()
                    + " s (--deep-timeout)");
        }
        return null;
    }
}
