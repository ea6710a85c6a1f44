// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.swap.internal;

import java.io.IOException;

import org.osgi.service.component.annotations.Component;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestVolume;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.VolumeProbe;
import org.vdiskdoctor.fs.swap.SwapCodes;

/**
 * Linux swap areas: the signature and version swapon needs, the size the header claims against the volume, a
 * hibernation image waiting in the swap, and swap where the partition table promises a filesystem.
 */
@Component(service = VolumeProbe.class, property = VolumeProbe.ID_PROPERTY + "=" + SwapProbe.ID)
public final class SwapProbe implements VolumeProbe {

    /** The probe id. */
    public static final String ID = "fs.swap";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String recognise(GuestVolume volume) throws IOException {
        return SwapHeader.read(volume) == null ? null : "swap";
    }

    @Override
    public void run(GuestVolume v, FindingSink sink, Monitor monitor) throws IOException {
        SwapHeader h = SwapHeader.read(v);
        if (h == null) return;
        long sigAt = h.pageSize() - 10L;
        String hibernation = SwapHeader.hibernation(h.signature());
        if (h.signature().equals(SwapHeader.V0)) {
            sink.report(v.finding(SwapCodes.OLD_FORMAT, "swap signature \"SWAP-SPACE\" (version 0): Linux refuses it "
                    + "since 2.6 (swapon: \"Unable to find swap-space signature\"); mkswap it again", sigAt, 10));
            sink.report(v.finding(SwapCodes.FOUND, "Linux swap area (old version 0) of " + h.pageSize()
                    + "-byte pages at guest byte " + v.volume().offset(), sigAt, 10));
            return;
        }
        if (hibernation != null) {
            sink.report(v.finding(SwapCodes.HIBERNATION, "the swap area holds a hibernation image (signature \""
                    + hibernation + "\" in place of \"SWAPSPACE2\"): the guest was hibernated, not shut down; "
                    + "booting it resumes from this image, and running it with another disk state or swapon on it "
                    + "loses that session", sigAt, 10));
        }
        if (h.version() != 1) {
            String hint = Integer.reverseBytes((int) h.version()) == 1 ? " (1 in big-endian: made on a big-endian "
                    + "system, which this kernel cannot swap on)" : "";
            sink.report(v.finding(SwapCodes.VERSION_UNKNOWN, "swap header version " + h.version() + hint
                    + "; swapon accepts only version 1 (\"Unable to handle swap header version\")", 1024, 4));
        } else if (h.lastPage() == 0 || h.bytes() > v.size()) {
            sink.report(v.finding(SwapCodes.BEYOND_VOLUME, "the swap header's last page " + h.lastPage() + " ("
                    + h.bytes() + " bytes of " + h.pageSize() + "-byte pages) does not fit the volume of " + v.size()
                    + " bytes: the partition or image was shrunk after mkswap; swapon refuses it (\"swap area "
                    + "shorter than signature indicates\"); run mkswap again", 1028, 4));
        }
        String label = v.volume().label();
        if (label.contains("(Linux filesystem)") || label.contains("(type 0x83")) {
            sink.report(v.finding(SwapCodes.IN_FILESYSTEM_PARTITION, "the partition type says a Linux filesystem is "
                    + "here, but it holds swap: an fstab line that mounts it fails (\"wrong fs type\"), and a "
                    + "filesystem expected here may have been overwritten by mkswap", sigAt, 10));
        }
        String name = h.label().isEmpty() ? "without label" : "'" + h.label() + "'";
        String use = h.version() == 1 && h.bytes() < v.size() && h.lastPage() > 0
                ? ", using " + h.bytes() + " of the volume's " + v.size() + " bytes" : "";
        sink.report(v.finding(SwapCodes.FOUND, "Linux swap area " + name + " UUID " + h.uuid() + ", "
                + (h.version() == 1 ? (h.lastPage() + 1) + " pages of " : "pages of ") + h.pageSize() + " bytes"
                + use + " at guest byte " + v.volume().offset(), sigAt, 10));
    }
}
