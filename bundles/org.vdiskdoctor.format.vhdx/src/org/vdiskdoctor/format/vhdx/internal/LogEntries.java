// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.CRC32C;

import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.Monitor;

/**
 * The circular log: every 4 KiB-aligned {@code loge} entry of the current LogGuid, validated (length, tail,
 * CRC-32C over the whole entry with the checksum zeroed, {@code desc}/{@code zero} descriptors and {@code data}
 * sectors carrying the entry's sequence number), and the active sequence: the longest run of valid entries that
 * follow each other with consecutive sequence numbers, ending at the highest one. Walks are bounded by the log's
 * size, so a damaged log cannot make them loop.
 */
final class LogEntries {

    static final int SECTOR = 4096;
    static final int LOGE = 0x65676f6c; // "loge"
    static final int DESC = 0x63736564; // "desc"
    static final int ZERO = 0x6f72657a; // "zero"
    static final int DATA = 0x61746164; // "data"
    /** Logs are walked and CRC'd in bounded pieces; an entry longer than this is not believed. */
    static final long MAX_ENTRY = 64L << 20;

    /** One entry found in the log; {@code problem} is null when it is valid. */
    record Entry(long at, long sequence, long length, long tail, int descriptors, String problem) {
    }

    /** All entries of the current LogGuid, and the active sequence (empty when none is valid). */
    record Result(List<Entry> entries, List<Entry> active) {
    }

    private LogEntries() {
    }

    static Result scan(ImageSource src, long logOffset, long logLength, Guid logGuid, Monitor monitor)
            throws IOException {
        TreeMap<Long, Entry> found = new TreeMap<>();
        for (long rel = 0; rel < logLength; rel += SECTOR) {
            if ((rel & 0xffff) == 0) monitor.checkpoint();
            ByteBuffer h = src.read(logOffset + rel, SECTOR).order(ByteOrder.LITTLE_ENDIAN);
            if (h.getInt(0) != LOGE || !Guid.at(h, 32).equals(logGuid)) continue;
            found.put(rel, validate(src, logOffset, logLength, rel, h));
        }
        // a run starts only at a valid entry that does not continue another one, so the runs together visit each
        // entry once (sequence numbers only grow along a run, so runs cannot close into a cycle)
        java.util.Set<Long> continuations = new java.util.HashSet<>();
        for (Entry e : found.values()) {
            Entry next = found.get((e.at() + e.length()) % logLength);
            if (e.problem() == null && next != null && next != e && next.problem() == null
                    && next.sequence() == e.sequence() + 1) {
                continuations.add(next.at());
            }
        }
        List<Entry> best = List.of();
        for (Entry start : found.values()) {
            if (start.problem() != null || continuations.contains(start.at())) continue;
            List<Entry> run = new ArrayList<>();
            Entry at = start;
            long walked = 0;
            while (at != null && at.problem() == null && walked < logLength) {
                if (!run.isEmpty() && at.sequence() != run.get(run.size() - 1).sequence() + 1) break;
                run.add(at);
                walked += at.length();
                at = found.get((at.at() + at.length()) % logLength);
            }
            long last = run.get(run.size() - 1).sequence();
            if (best.isEmpty() || Long.compareUnsigned(last, best.get(best.size() - 1).sequence()) > 0) best = run;
        }
        return new Result(List.copyOf(found.values()), List.copyOf(best));
    }

    private static Entry validate(ImageSource src, long logOffset, long logLength, long rel, ByteBuffer h)
            throws IOException {
        long len = Integer.toUnsignedLong(h.getInt(8));
        long tail = Integer.toUnsignedLong(h.getInt(12));
        long seq = h.getLong(16);
        long descs = Integer.toUnsignedLong(h.getInt(24));
        String bad = null;
        if (len < SECTOR || len % SECTOR != 0 || len > logLength || len > MAX_ENTRY) {
            bad = "its EntryLength " + len + " is not a multiple of 4 KiB between 4 KiB and the log's " + logLength;
        } else if (tail % SECTOR != 0 || tail >= logLength) {
            bad = "its Tail " + tail + " is not a 4 KiB offset inside the log";
        } else if (seq == 0) {
            bad = "its SequenceNumber is 0";
        } else if ((64 + descs * 32 + SECTOR - 1) / SECTOR > len / SECTOR) {
            bad = "its " + descs + " descriptors do not fit in its " + len + " bytes";
        }
        if (bad == null) bad = content(src, logOffset, logLength, rel, len, seq, descs, h.getInt(4));
        return new Entry(rel, seq, len, tail, (int) Math.min(descs, Integer.MAX_VALUE), bad);
    }

    /** Checks the CRC, descriptors and data sectors of an entry whose lengths were bounded; null when valid. */
    private static String content(ImageSource src, long logOffset, long logLength, long rel, long len, long seq,
            long descs, int storedCrc) throws IOException {
        CRC32C crc = new CRC32C();
        long descSectors = (64 + descs * 32 + SECTOR - 1) / SECTOR;
        long dataDescs = 0;
        String bad = null;
        long dataSeen = 0;
        for (long s = 0; s < len / SECTOR; s++) {
            ByteBuffer b = src.read(logOffset + (rel + s * SECTOR) % logLength, SECTOR).order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer forCrc = b.duplicate();
            if (s == 0) {
                ByteBuffer c = ByteBuffer.allocate(SECTOR);
                c.put(0, b, 0, SECTOR).putInt(4, 0);
                forCrc = c;
            }
            crc.update(forCrc.rewind());
            if (bad != null) continue;
            if (s < descSectors) {
                for (long d = Math.max(0, s * (SECTOR / 32) - 2); d < descs && 64 + d * 32 < (s + 1) * SECTOR; d++) {
                    int o = (int) (64 + d * 32 - s * SECTOR);
                    if (o < 0) continue;
                    int sig = b.getInt(o);
                    if (sig == DESC) dataDescs++;
                    else if (sig != ZERO) bad = "descriptor " + d + " is neither \"desc\" nor \"zero\"";
                    else if (b.getLong(o + 24) != seq) bad = "descriptor " + d + " has another sequence number";
                    if (bad == null && sig == DESC && b.getLong(o + 24) != seq) {
                        bad = "descriptor " + d + " has another sequence number";
                    }
                    if (bad != null) break;
                }
            } else {
                dataSeen++;
                if (b.getInt(0) != DATA || Integer.toUnsignedLong(b.getInt(4)) != seq >>> 32
                        || b.getInt(SECTOR - 4) != (int) seq) {
                    bad = "data sector " + (dataSeen - 1) + " lacks the \"data\" signature or the entry's sequence";
                }
            }
        }
        if (bad != null) return bad;
        if ((int) crc.getValue() != storedCrc) {
            return "its CRC-32C is " + VhdxHeader.crcText(storedCrc) + " but its " + len + " bytes hash to "
                    + VhdxHeader.crcText((int) crc.getValue());
        }
        if (dataDescs != dataSeen) {
            return "it has " + dataDescs + " data descriptors but " + dataSeen + " data sectors";
        }
        return null;
    }
}
