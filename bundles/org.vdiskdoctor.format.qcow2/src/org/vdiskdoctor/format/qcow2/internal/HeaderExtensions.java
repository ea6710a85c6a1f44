// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.vdiskdoctor.format.qcow2.internal.Problems.hex;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.format.qcow2.Qcow2Codes;

/**
 * The header extensions that follow the fixed header: {@code u32 type, u32 length}, data padded to 8 bytes, until
 * type 0 or the end of the area. The area ends at the backing file name when there is one, else at the end of the
 * first cluster (QEMU {@code qcow2_read_extensions}). The whole area (at most one 2 MiB cluster) is read at once,
 * and no more than {@value #MAX_EXTENSIONS} extensions are taken.
 */
final class HeaderExtensions {

    static final int END = 0;
    static final int BACKING_FORMAT = 0xe2792aca;
    static final int FEATURE_NAME_TABLE = 0x6803f857;
    static final int BITMAPS = 0x23852875;
    static final int FULL_DISK_ENCRYPTION = 0x0537be77;
    static final int EXTERNAL_DATA_FILE = 0x44415441;

    /** QEMU writes at most five; a few hundred means garbage was parsed as extensions. */
    static final int MAX_EXTENSIONS = 256;
    /** QEMU's backing format buffer is 16 bytes including the terminating NUL. */
    static final int MAX_BACKING_FORMAT = 15;
    static final int FDE_LENGTH = 16;
    static final int BITMAPS_LENGTH = 24;

    /** One extension: where its 8-byte header starts, its declared length and its data. */
    record Extension(int type, long offset, long length, byte[] data) {
        long dataOffset() {
            return offset + 8;
        }

        String typeHex() {
            return String.format("0x%08x", type);
        }

        ByteBuffer buffer() {
            return ByteBuffer.wrap(data);
        }
    }

    private final long start;
    private final long end;
    private final List<Extension> extensions;

    private HeaderExtensions(long start, long end, List<Extension> extensions) {
        this.start = start;
        this.end = end;
        this.extensions = List.copyOf(extensions);
    }

    static HeaderExtensions none() {
        return new HeaderExtensions(0, 0, List.of());
    }

    /**
     * Reads the extensions in {@code [start, end)}; {@code endWhat} says what ends the area, for messages. When
     * {@code fileCut} the file is already known to end inside the first cluster (one truncation finding says so),
     * and an extension cut by the end of the file is not reported again.
     */
    static HeaderExtensions read(ImageSource src, long start, long end, String endWhat, boolean fileCut,
            Problems p)
            throws IOException {
        long readEnd = Math.min(end, src.size());
        if (readEnd <= start) return new HeaderExtensions(start, end, List.of());
        ByteBuffer area = src.read(start, (int) (readEnd - start));
        List<Extension> found = new ArrayList<>();
        long pos = 0;
        while (start + pos < end) {
            long at = start + pos;
            if (at + 8 > end) {
                p.add(Qcow2Codes.EXTENSION_OVERRUN, at, end - at, "a header extension starts at " + hex(at)
                        + ", but only " + (end - at) + " bytes remain before the end of the extension area at "
                        + hex(end) + " (QEMU: 'Header extension too large')");
                break;
            }
            if (pos + 8 > area.limit()) {
                if (!fileCut) p.add(Qcow2Codes.EXTENSION_OVERRUN, at, readEnd - at, "the header extension at "
                        + hex(at) + " is cut by the end of the file at " + src.size() + " bytes");
                break;
            }
            int type = area.getInt((int) pos);
            long len = Integer.toUnsignedLong(area.getInt((int) pos + 4));
            if (type == END) break;
            // checked only here, so that exactly MAX_EXTENSIONS extensions followed by the end marker pass
            if (found.size() == MAX_EXTENSIONS) {
                p.add(Qcow2Codes.EXTENSION_TOO_MANY, start, pos, "more than " + MAX_EXTENSIONS + " header extensions"
                        + " before " + hex(at) + "; the rest of the area up to " + hex(end) + " is not read");
                break;
            }
            long data = at + 8;
            if (len > end - data) {
                p.add(Qcow2Codes.EXTENSION_OVERRUN, at, 8, String.format("header extension 0x%08x at %s declares %d"
                        + " bytes, but only %d remain before the end of the extension area at %s (%s) (QEMU: 'Header"
                        + " extension too large')", type, hex(at), len, end - data, hex(end), endWhat));
                break;
            }
            if (data + len > readEnd) {
                if (!fileCut) p.add(Qcow2Codes.EXTENSION_OVERRUN, at, 8, String.format("header extension 0x%08x at"
                        + " %s declares %d bytes, but the file ends at %d bytes", type, hex(at), len, src.size()));
                break;
            }
            byte[] bytes = new byte[(int) len];
            area.get((int) (pos + 8), bytes);
            Extension e = new Extension(type, at, len, bytes);
            found.add(e);
            checkOne(e, p);
            pos += 8 + ((len + 7) & ~7L);
        }
        return new HeaderExtensions(start, end, found);
    }

    private static void checkOne(Extension e, Problems p) {
        switch (e.type()) {
            case BACKING_FORMAT -> {
                if (e.length() > MAX_BACKING_FORMAT) p.add(Qcow2Codes.EXTENSION_BAD_LENGTH, e.offset(), 8,
                        "the backing format extension at " + hex(e.offset()) + " is " + e.length() + " bytes long; QEMU"
                                + " accepts at most " + MAX_BACKING_FORMAT + " (QEMU: 'ext_backing_format: len="
                                + e.length() + " too large')");
            }
            case FULL_DISK_ENCRYPTION -> {
                if (e.length() != FDE_LENGTH) p.add(Qcow2Codes.EXTENSION_BAD_LENGTH, e.offset(), 8,
                        "the encryption header extension at " + hex(e.offset()) + " is " + e.length()
                                + " bytes long, but it must be " + FDE_LENGTH);
            }
            case BITMAPS -> {
                if (e.length() != BITMAPS_LENGTH) p.add(Qcow2Codes.EXTENSION_BAD_LENGTH, e.offset(), 8,
                        "the bitmaps extension at " + hex(e.offset()) + " is " + e.length() + " bytes long, but it"
                                + " must be " + BITMAPS_LENGTH + " (QEMU: 'bitmaps_ext: Invalid extension length')");
            }
            case FEATURE_NAME_TABLE, EXTERNAL_DATA_FILE -> {
                // any length is valid: a table of 48-byte entries, a file name
            }
            default -> p.add(Qcow2Codes.EXTENSION_UNKNOWN, e.offset(), 8 + e.length(), "unknown header extension "
                    + e.typeHex() + " of " + e.length() + " bytes at " + hex(e.offset())
                    + "; QEMU keeps it when it rewrites the header but does not use it");
        }
    }

    /** The last extension of {@code type} (QEMU lets a later one override an earlier one), or null. */
    Extension find(int type) {
        Extension last = null;
        for (Extension e : extensions) {
            if (e.type() == type) last = e;
        }
        return last;
    }

    List<Extension> all() {
        return extensions;
    }

    long start() {
        return start;
    }

    long end() {
        return end;
    }

    /** A human name for an extension type. */
    static String nameOf(int type) {
        return switch (type) {
            case BACKING_FORMAT -> "backing format";
            case FEATURE_NAME_TABLE -> "feature name table";
            case BITMAPS -> "bitmaps";
            case FULL_DISK_ENCRYPTION -> "full disk encryption header";
            case EXTERNAL_DATA_FILE -> "external data file";
            default -> "unknown";
        };
    }
}
