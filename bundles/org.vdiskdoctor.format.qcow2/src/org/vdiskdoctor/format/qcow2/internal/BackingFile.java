// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.vdiskdoctor.format.qcow2.internal.Problems.hex;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Header.OFF_BACKING_OFFSET;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import org.vdiskdoctor.core.Evidence;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.BackingReference;
import org.vdiskdoctor.format.qcow2.Qcow2Codes;

/**
 * The backing file name (header offset 8: u64 offset, offset 16: u32 size; not NUL-terminated; at most 1023 bytes,
 * inside the first cluster) and the backing format extension ({@code 0xe2792aca}) that names the parent's format.
 * The name is used the way QEMU and libvirt use it: as a C string, so it ends at its first NUL byte.
 */
final class BackingFile {

    static final int MAX_NAME = 1023;

    /** QEMU block driver names whose VDisk Doctor format id differs; every other name is the same id. */
    private static final Map<String, String> QEMU_TO_FORMAT_ID = Map.of("vpc", "vhd");

    /** What was found: the stored bytes' range, the name as used, and the format the image gives for it. */
    record Parsed(long offset, long size, String rawName, String name, String qemuFormat, String formatId) {
    }

    private BackingFile() {
    }

    /** Maps a QEMU driver name ({@code vpc}, {@code qcow2}, …) to a VDisk Doctor format id. */
    static String formatId(String qemuFormat) {
        if (qemuFormat == null) return null;
        String f = qemuFormat.toLowerCase(Locale.ROOT);
        return QEMU_TO_FORMAT_ID.getOrDefault(f, f);
    }

    /**
     * Reads and checks the name and format. Returns null when the image has no usable backing file (none, or a
     * name QEMU would refuse).
     */
    static Parsed read(Qcow2Header h, HeaderExtensions ext, ImageSource src, Problems p) throws IOException {
        long offset = h.backingFileOffset();
        long size = h.backingFileSize();
        HeaderExtensions.Extension fmtExt = ext.find(HeaderExtensions.BACKING_FORMAT);
        String qemuFormat = fmtExt == null ? null : formatName(fmtExt, p);
        if (offset == 0) {
            if (fmtExt != null) {
                p.add(Qcow2Codes.BACKING_FORMAT_WITHOUT_FILE, fmtExt.offset(), 8 + fmtExt.length(), "the image has a"
                        + " backing format extension ('" + printable(qemuFormat) + "') but no backing file"
                        + " (backing_file_offset is 0); a tool cleared the name and left the format");
            }
            return null;
        }
        long cluster = h.clusterSize();
        if (Long.compareUnsigned(offset, cluster) > 0) {
            p.add(Qcow2Codes.BACKING_NAME_OUT_OF_BOUNDS, OFF_BACKING_OFFSET, 8, "backing_file_offset is "
                    + hex(offset) + ", beyond the first cluster of " + cluster + " bytes that must hold the name"
                    + " (QEMU: 'Invalid backing file offset')");
            return null;
        }
        if (size > MAX_NAME) {
            p.add(Qcow2Codes.BACKING_NAME_TOO_LONG, Qcow2Header.OFF_BACKING_SIZE, 4, "backing_file_size is " + size
                    + " bytes, more than the " + MAX_NAME + " QEMU allows (QEMU: 'Backing file name too long')");
            return null;
        }
        if (size > cluster - offset) {
            p.add(Qcow2Codes.BACKING_NAME_OUT_OF_BOUNDS, OFF_BACKING_OFFSET, 12, "the backing file name at "
                    + hex(offset) + " with " + size + " bytes ends at " + hex(offset + size) + ", beyond the first"
                    + " cluster of " + cluster + " bytes (QEMU: 'Backing file name too long')");
            return null;
        }
        if (!src.contains(offset, size)) {
            p.add(Qcow2Codes.BACKING_NAME_OUT_OF_BOUNDS, OFF_BACKING_OFFSET, 12, "the backing file name at "
                    + hex(offset) + " with " + size + " bytes lies beyond the end of the file at " + src.size()
                    + " bytes");
            return null;
        }
        byte[] bytes = new byte[(int) size];
        src.read(offset, (int) size).get(bytes);
        String raw = decode(bytes, offset, p);
        int nul = raw.indexOf('\0');
        String name = nul >= 0 ? raw.substring(0, nul) : raw;
        if (nul >= 0) {
            p.add(Qcow2Codes.BACKING_NAME_CONTAINS_NUL, offset, size, "the backing file name '" + printable(raw)
                    + "' (" + size + " bytes at " + hex(offset) + ") has a NUL byte at position " + nul
                    + "; QEMU and libvirt use only '" + printable(name) + "', other tools may use all " + size
                    + " bytes");
        }
        if (name.isEmpty()) {
            p.add(Qcow2Codes.BACKING_NAME_EMPTY, OFF_BACKING_OFFSET, 12, "backing_file_offset is " + hex(offset)
                    + " but the stored name is empty (" + size + " bytes): QEMU opens the image without a backing"
                    + " file, so the guest would see zeros where the parent's data should be");
            return null;
        }
        if (fmtExt == null) {
            p.add(Qcow2Codes.BACKING_FORMAT_MISSING, offset, size, "the backing file '" + printable(name)
                    + "' has no backing format extension: libvirt refuses to start the guest ('format of backing"
                    + " image '" + printable(name) + "' of image '" + p.file() + "' was not specified in the image"
                    + " metadata') and QEMU would have to probe the parent's format");
        }
        return new Parsed(offset, size, raw, name, qemuFormat, formatId(qemuFormat));
    }

    /** The stored format name, or null (with a finding) when it is empty, too long or not a name. */
    private static String formatName(HeaderExtensions.Extension e, Problems p) {
        if (e.length() > HeaderExtensions.MAX_BACKING_FORMAT) return null; // reported as extension.bad-length
        String s = new String(e.data(), StandardCharsets.ISO_8859_1);
        if (s.isEmpty() || !s.matches("[A-Za-z0-9_.+-]+")) {
            p.add(Qcow2Codes.BACKING_FORMAT_INVALID, e.offset(), 8 + e.length(), "the backing format extension at "
                    + hex(e.offset()) + " holds '" + printable(s) + "', which is not a format name (raw, qcow2,"
                    + " vmdk, vpc, …)");
            return null;
        }
        return s;
    }

    private static String decode(byte[] bytes, long offset, Problems p) {
        try {
            CharBuffer c = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return c.toString();
        } catch (CharacterCodingException e) {
            String lossy = new String(bytes, StandardCharsets.UTF_8);
            p.add(Qcow2Codes.BACKING_NAME_NOT_UTF8, offset, bytes.length, "the backing file name at " + hex(offset)
                    + " (" + bytes.length + " bytes) is not valid UTF-8; read with replacement characters it is '"
                    + printable(lossy) + "'; the parent may not be found under that name");
            return lossy;
        }
    }

    /** The reference the engine follows, with the stored name's range as evidence. */
    static BackingReference reference(Parsed b, ImageSource src) {
        return new BackingReference(b.name(), b.formatId(), Evidence.of(src.path(), b.offset(), b.size()));
    }

    /** Control characters as {@code \xNN}, so a damaged name cannot break a report line. */
    static String printable(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c == 0x7f) b.append(String.format("\\x%02x", (int) c)); else b.append(c);
        }
        return b.toString();
    }
}
