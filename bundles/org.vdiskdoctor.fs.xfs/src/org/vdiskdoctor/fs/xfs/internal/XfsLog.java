// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.xfs.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.vdiskdoctor.core.spi.GuestVolume;
import org.vdiskdoctor.core.spi.Monitor;

/**
 * The internal log's state as the kernel's {@code xlog_find_head} / {@code xlog_find_tail} tell it: every 512-byte
 * log block starts with its cycle number (a record header with magic 0xFEEDBABE and the cycle after it); the head is
 * where the cycle drops; the log is clean when the last record before the head is an unmount record (one log
 * operation, flagged XLOG_UNMOUNT_TRANS, ending right at the head). Reads are bounded: a binary search plus windows of
 * {@link #WINDOW} blocks.
 */
final class XfsLog {

    static final int BB = 512;
    static final int HEADER_MAGIC = 0xFEEDBABE;
    static final int UNMOUNT_TRANS = 0x20;
    /** Blocks the kernel scans before the head for in-flight records: 8 iclogs of 256 KiB. */
    static final int WINDOW = 4096;
    private static final int CHUNK = 64 * 1024;

    enum Kind { CLEAN, DIRTY, EMPTY, UNREADABLE }

    /** What the log says; {@code headBb} and {@code recordBb} are 512-byte blocks from the log's start, -1 if none. */
    record State(Kind kind, String detail, long headBb, long recordBb) {
    }

    private final GuestVolume volume;
    private final long start;
    private final long blocks;
    private final Monitor monitor;

    private XfsLog(GuestVolume volume, long start, long blocks, Monitor monitor) {
        this.volume = volume;
        this.start = start;
        this.blocks = blocks;
        this.monitor = monitor;
    }

    /** The state of the log of {@code bytes} at volume byte {@code start}; the caller checked it lies in the volume. */
    static State read(GuestVolume volume, long start, long bytes, Monitor monitor) throws IOException {
        return new XfsLog(volume, start, bytes / BB, monitor).state();
    }

    private State state() throws IOException {
        if (blocks < 2) return new State(Kind.UNREADABLE, "the log has fewer than 2 blocks", -1, -1);
        long first = cycle(0);
        if (first == 0) return new State(Kind.EMPTY, "the log is zeroed", 0, -1);
        long last = cycle(blocks - 1);
        long head;
        long stopOn;
        if (first == last) {
            head = blocks; // the whole log carries one cycle: the head is at its end (wrapped to 0 below)
            stopOn = last - 1;
        } else {
            head = cycleStart(last);
            stopOn = last;
        }
        // records may have been written out of order near the head: the earliest block of the old cycle wins
        long from = Math.max(0, head - WINDOW);
        long[] window = cycles(from, (int) (head - from));
        for (int i = 0; i < window.length; i++) {
            if (window[i] == stopOn) {
                head = from + i;
                break;
            }
        }
        if (head == blocks) head = 0;
        long rec = lastHeaderBefore(head);
        if (rec < 0) {
            return new State(Kind.UNREADABLE, "no log record header (0xFEEDBABE) within " + WINDOW
                    + " blocks before the head at log block " + head, head, -1);
        }
        ByteBuffer h = volume.read(start + rec * BB, BB).order(ByteOrder.BIG_ENDIAN);
        int version = h.getInt(8);
        long len = h.getInt(12) & 0xffff_ffffL;
        long ops = h.getInt(40) & 0xffff_ffffL;
        long size = version == 2 ? h.getInt(320) & 0xffff_ffffL : 32768;
        if ((version != 1 && version != 2) || len > 1 << 20 || size > 1 << 20) {
            return new State(Kind.UNREADABLE, "the last record header at log block " + rec + " has version "
                    + version + ", length " + len + " and size " + size, head, rec);
        }
        long hblks = version == 2 && size > 32768 ? (size + 32767) / 32768 : 1;
        long after = (rec + hblks + (len + BB - 1) / BB) % blocks;
        if (ops == 1 && after == head) {
            ByteBuffer op = volume.read(start + (rec + hblks) % blocks * BB, BB);
            if ((op.get(9) & UNMOUNT_TRANS) != 0) {
                return new State(Kind.CLEAN, "the last record is an unmount record", head, rec);
            }
        }
        return new State(Kind.DIRTY, "the last record at log block " + rec + " (cycle " + h.getInt(4) + ", "
                + ops + " operations) is not an unmount record; the head is at log block " + head, head, rec);
    }

    /** The first block whose cycle is {@code target}, by binary search (xlog_find_cycle_start). */
    private long cycleStart(long target) throws IOException {
        long lo = 0;
        long hi = blocks - 1;
        while (hi - lo > 1) {
            monitor.checkpoint();
            long mid = lo + (hi - lo) / 2;
            if (cycle(mid) == target) hi = mid;
            else lo = mid;
        }
        return hi;
    }

    /** The nearest record header before {@code head} (wrapping), searched at most {@link #WINDOW} blocks back. */
    private long lastHeaderBefore(long head) throws IOException {
        long searched = 0;
        long end = head == 0 ? blocks : head;
        while (searched < Math.min(WINDOW, blocks)) {
            monitor.checkpoint();
            int n = (int) Math.min(Math.min(CHUNK / BB, end), Math.min(WINDOW, blocks) - searched);
            long from = end - n;
            ByteBuffer b = volume.read(start + from * BB, n * BB).order(ByteOrder.BIG_ENDIAN);
            for (int i = n - 1; i >= 0; i--) {
                if (b.getInt(i * BB) == HEADER_MAGIC) return from + i;
            }
            searched += n;
            end = from == 0 ? blocks : from;
        }
        return -1;
    }

    private long cycle(long bb) throws IOException {
        ByteBuffer b = volume.read(start + bb * BB, 8).order(ByteOrder.BIG_ENDIAN);
        return cycleOf(b, 0);
    }

    private long[] cycles(long from, int n) throws IOException {
        long[] out = new long[n];
        for (int done = 0; done < n;) {
            monitor.checkpoint();
            int k = Math.min(CHUNK / BB, n - done);
            ByteBuffer b = volume.read(start + (from + done) * BB, k * BB).order(ByteOrder.BIG_ENDIAN);
            for (int i = 0; i < k; i++) out[done + i] = cycleOf(b, i * BB);
            done += k;
        }
        return out;
    }

    private static long cycleOf(ByteBuffer b, int at) {
        int w = b.getInt(at);
        return (w == HEADER_MAGIC ? b.getInt(at + 4) : w) & 0xffff_ffffL;
    }
}
