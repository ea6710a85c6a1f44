// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.raw.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.io.ImageSource;

/**
 * What a file that no format driver claimed really holds, when it is plainly not a disk: a compressed file or an
 * archive (a cloud image still packed, an OVA appliance), text (a web page saved by a failed download, an OVF or VM
 * configuration file given instead of the disk), or an optical disc image. Read from the first 40 KiB only, by the
 * signatures {@code file(1)} uses; anything else is taken for the raw disk it claims to be.
 *
 * @param code the finding code, null for a disk
 * @param what what the file is, for the message ("gzip-compressed data")
 * @param advice what to do with it
 */
record RawContent(FindingCode code, String what, String advice) {

    /** Bytes read: enough for ISO 9660's first volume descriptor at 32 KiB. */
    static final int HEAD = 40 * 1024;
    /** Where ISO 9660 puts "CD001": in the first volume descriptor, sector 16 of 2048 bytes, after the type byte. */
    static final int ISO_MAGIC = 16 * 2048 + 1;
    /** Bytes looked at for text. */
    private static final int TEXT_WINDOW = 4096;

    static final RawContent DISK = new RawContent(null, null, null);

    /** Whether the file is a disk as far as its first bytes tell (every other result is a finding). */
    boolean disk() {
        return code == null;
    }

    static RawContent identify(ImageSource source) throws IOException {
        int n = (int) Math.min(HEAD, source.size());
        if (n <= 0) return DISK;
        ByteBuffer b = source.read(0, n);
        byte[] h = new byte[b.remaining()];
        b.get(h);
        return identify(h);
    }

    static RawContent identify(byte[] h) {
        if (starts(h, 0, 0x1F, 0x8B)) return archive("gzip-compressed data", "gunzip -k FILE");
        if (starts(h, 0, 0xFD, '7', 'z', 'X', 'Z', 0x00)) return archive("xz-compressed data", "unxz -k FILE");
        if (starts(h, 0, 0x28, 0xB5, 0x2F, 0xFD)) return archive("zstd-compressed data", "unzstd FILE");
        if (starts(h, 0, 'B', 'Z', 'h') && h.length > 9 && h[3] >= '1' && h[3] <= '9'
                && starts(h, 4, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59)) {
            return archive("bzip2-compressed data", "bunzip2 -k FILE");
        }
        if (starts(h, 0, 'P', 'K', 3, 4)) return archive("a ZIP archive", "unzip FILE");
        if (starts(h, 0, '7', 'z', 0xBC, 0xAF, 0x27, 0x1C)) return archive("a 7-Zip archive", "7z x FILE");
        if (starts(h, 257, 'u', 's', 't', 'a', 'r')) {
            String first = cString(h, 0, 100);
            if (first.toLowerCase(Locale.ROOT).endsWith(".ovf")) {
                return new RawContent(RawCodes.CONTENT_ARCHIVE, "an OVA appliance (a tar archive whose first member "
                        + "is the OVF descriptor " + first + ")", "import the appliance (VBoxManage import FILE, "
                        + "ovftool, or the hypervisor's import wizard), or extract it (tar xf FILE) and diagnose the "
                        + "disk files it names");
            }
            return archive("a tar archive (first member: " + first + ")", "tar xf FILE");
        }
        RawContent text = text(h);
        if (text != null) return text;
        if (starts(h, ISO_MAGIC, 'C', 'D', '0', '0', '1')) {
            boolean hybrid = h.length >= 512 && (h[510] & 0xff) == 0x55 && (h[511] & 0xff) == 0xAA;
            if (hybrid) {
                return new RawContent(RawCodes.CONTENT_OPTICAL, "an optical disc image (ISO 9660) that is also "
                        + "bootable as a disk (a hybrid ISO with an MBR)", "attach it as a CD/DVD drive to install "
                        + "from it; as a disk it boots too, but is read-only media, not a system disk");
            }
            return new RawContent(RawCodes.CONTENT_OPTICAL, "an optical disc image (ISO 9660)", "attach it as a "
                    + "CD/DVD drive (IDE/SATA CD-ROM), not as a hard disk: as a disk no firmware boots it and the "
                    + "guest sees no partitions");
        }
        return DISK;
    }

    private static RawContent archive(String what, String command) {
        return new RawContent(RawCodes.CONTENT_ARCHIVE, what, "unpack it first (" + command + "; keep the original) "
                + "and diagnose or attach what comes out; no hypervisor reads it as a disk");
    }

    /**
     * Text: the first bytes (up to 4 KiB) hold no NUL and at most 2 % other control characters. A disk never starts
     * so: boot code, boot sectors and superblocks are binary, and a blank or ext/LVM/swap disk starts with zeros.
     */
    private static RawContent text(byte[] h) {
        int n = Math.min(h.length, TEXT_WINDOW);
        if (n < 16) return null;
        int odd = 0;
        for (int i = 0; i < n; i++) {
            int c = h[i] & 0xff;
            if (c == 0) return null;
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') odd++;
        }
        if (odd * 50 > n) return null;
        String start = new String(h, 0, n, StandardCharsets.UTF_8).stripLeading().replace("\uFEFF", "");
        String lower = start.toLowerCase(Locale.ROOT);
        String first = start.lines().findFirst().orElse("").strip();
        if (first.length() > 60) first = first.substring(0, 60) + "…";
        String what;
        String advice;
        if (lower.startsWith("<!doctype html") || lower.startsWith("<html") || lower.contains("<head>")
                || lower.contains("<body")) {
            what = "a web page (HTML)";
            advice = "a download that saved an error, login or redirect page instead of the image: download it "
                    + "again (follow redirects: curl -L, wget) and compare its size and checksum with the source's";
        } else if (lower.startsWith("<?xml") || lower.startsWith("<")) {
            boolean ovf = lower.contains("envelope") && lower.contains("ovf");
            boolean vbox = lower.contains("<virtualbox");
            boolean libvirt = lower.startsWith("<domain");
            what = ovf ? "an OVF descriptor (XML)" : vbox ? "a VirtualBox machine file (XML)"
                    : libvirt ? "a libvirt domain definition (XML)" : "an XML file";
            advice = ovf || vbox || libvirt ? "it names the disk files: diagnose those, or the VM's folder"
                    : "not a disk image: diagnose the disk file itself";
        } else if (lower.startsWith("{") || lower.startsWith("[")) {
            what = "a JSON file";
            advice = "not a disk image: diagnose the disk file itself";
        } else if (lower.contains("virtualhw.version")) {
            what = "a VMware configuration file (.vmx)";
            advice = "it names the disk files (scsiN:M.fileName): diagnose those, or the VM's folder";
        } else {
            what = "a text file";
            advice = "not a disk image: diagnose the disk file itself";
        }
        return new RawContent(RawCodes.CONTENT_TEXT, what + (first.isEmpty() ? "" : ", starting \"" + first + "\""),
                advice);
    }

    private static boolean starts(byte[] h, int at, int... want) {
        if (h.length < at + want.length) return false;
        for (int i = 0; i < want.length; i++) {
            if ((h[at + i] & 0xff) != want[i]) return false;
        }
        return true;
    }

    /** A NUL-terminated ASCII field, control characters dropped. */
    private static String cString(byte[] h, int at, int max) {
        StringBuilder s = new StringBuilder();
        for (int i = at; i < at + max && i < h.length && h[i] != 0; i++) {
            int c = h[i] & 0xff;
            s.append(c >= 0x20 && c < 0x7F ? (char) c : '?');
        }
        return s.toString();
    }
}
