// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.lvm.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestVolume;
import org.vdiskdoctor.fs.lvm.LvmCodes;

/**
 * One metadata area of a PV (lib/format_text/layout.h {@code mda_header}): a 512-byte header with a CRC of bytes
 * 4-511, the magic " LVM2 x[5A%r0N*>", version 1, the area's start and size and the location of the current
 * metadata text (offset from the area's start, size, CRC), which is a circular buffer after the header. The text
 * names the volume group first.
 */
final class MetadataArea {

    static final String MAGIC = " LVM2 x[5A%r0N*>";
    static final int HEADER = 512;
    /** Metadata text read per PV: real VGs have a few KiB, the default area is 1 MiB. */
    static final int MAX_TEXT = 1 << 20;
    private static final Pattern SEQNO = Pattern.compile("\\bseqno\\s*=\\s*(\\d+)");

    /** What the current metadata says: VG name and sequence number; null fields when unknown. */
    record Summary(String vg, String seqno) {
    }

    private MetadataArea() {
    }

    /** Checks the area and reports problems; returns what the text says, or {@code null} when it cannot be read. */
    static Summary check(GuestVolume v, PvLabel.Area area, FindingSink sink) throws IOException {
        String where = "metadata area at byte " + area.offset();
        if (!v.contains(area.offset(), HEADER) || area.size() < HEADER) {
            sink.report(v.finding(LvmCodes.METADATA_INVALID, where + " (" + area.size() + " bytes) does not fit "
                    + "the volume of " + v.size() + " bytes", 0, 0));
            return null;
        }
        byte[] h = new byte[HEADER];
        v.read(area.offset(), HEADER).get(h);
        ByteBuffer b = ByteBuffer.wrap(h).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        String magic = new String(h, 4, 16, StandardCharsets.ISO_8859_1);
        int crc = LvmCrc.of(h, 4, HEADER - 4);
        if (!magic.equals(MAGIC) || b.getInt(0) != crc || b.getInt(20) != 1 || b.getLong(24) != area.offset()) {
            String why = !magic.equals(MAGIC) ? "has no \"" + MAGIC + "\" magic"
                    : b.getInt(0) != crc ? String.format("checksum 0x%08x, its bytes give 0x%08x", b.getInt(0), crc)
                    : b.getInt(20) != 1 ? "version " + b.getInt(20) + " (1 expected)"
                    : "says it starts at byte " + b.getLong(24);
            sink.report(v.finding(LvmCodes.METADATA_INVALID, where + ": the header " + why + "; LVM cannot read "
                    + "the volume group from this copy", area.offset(), HEADER));
            return null;
        }
        long offset = b.getLong(40);
        long size = b.getLong(48);
        int textCrc = b.getInt(56);
        if (offset == 0) return new Summary(null, null); // no metadata committed yet
        long room = area.size() - HEADER;
        if (offset < HEADER || offset >= area.size() || size <= 0 || size > room || size > MAX_TEXT) {
            sink.report(v.finding(LvmCodes.METADATA_INVALID, where + ": the current metadata at offset " + offset
                    + " with " + size + " bytes does not fit the area of " + area.size() + " bytes", area.offset(),
                    HEADER));
            return null;
        }
        byte[] text = readCircular(v, area, offset, (int) size);
        if (text == null) {
            sink.report(v.finding(LvmCodes.METADATA_INVALID, where + " lies partly outside the volume", 0, 0));
            return null;
        }
        int computed = LvmCrc.of(text, 0, text.length);
        if (computed != textCrc) {
            sink.report(v.finding(LvmCodes.METADATA_CHECKSUM, String.format("%s: the volume group metadata text "
                    + "(%d bytes at offset %d) has checksum 0x%08x, its bytes give 0x%08x", where, size, offset,
                    textCrc, computed), area.offset() + offset, size));
        }
        return summary(new String(text, StandardCharsets.UTF_8));
    }

    /** The text, wrapping from the area's end to just after its header as LVM's circular buffer does. */
    private static byte[] readCircular(GuestVolume v, PvLabel.Area area, long offset, int size) throws IOException {
        byte[] out = new byte[size];
        long first = Math.min(size, area.size() - offset);
        long start = area.offset() + offset;
        if (!v.contains(start, first) || !v.contains(area.offset() + HEADER, size - first)) return null;
        v.read(start, (int) first).get(out, 0, (int) first);
        int rest = (int) (size - first);
        if (rest > 0) v.read(area.offset() + HEADER, rest).get(out, (int) first, rest);
        return out;
    }

    static Summary summary(String text) {
        int end = 0;
        while (end < text.length() && end < 128 && !Character.isWhitespace(text.charAt(end))
                && text.charAt(end) != '{') {
            end++;
        }
        String vg = end == 0 ? null : text.substring(0, end).replaceAll("\\p{Cntrl}", "?");
        Matcher m = SEQNO.matcher(text);
        return new Summary(vg, m.find() ? m.group(1) : null);
    }
}
