// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx.internal;

import java.io.IOException;

import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.format.vhdx.VhdxCodes;

/**
 * The log verdict. A zero LogGuid means nothing to replay (old entries in the log area are stale and ignored). A set
 * LogGuid means the image was not closed cleanly: when the log holds a valid sequence for it, Hyper-V replays it on
 * attach and QEMU refuses a read-only open, so the on-disk BAT and metadata are not yet the image's real state.
 */
final class LogCheck {

    private LogCheck() {
    }

    static void run(VhdxLayout l, Problems p, Monitor monitor) throws IOException {
        VhdxHeader h = l.headers().current();
        if (h == null || h.logGuid().isZero()) return;
        long guidAt = h.offset() + VhdxHeader.OFF_LOG_GUID;
        if (!l.logRangeValid()) {
            p.add(VhdxCodes.LOG_REPLAY_NEEDED, guidAt, 16, "header " + h.index() + " has LogGuid " + h.logGuid()
                    + ": the image was not closed cleanly and its log must be replayed, but the log's range is"
                    + " invalid (see vhdx.header.log-range), so it cannot be");
            return;
        }
        LogEntries.Result r = LogEntries.scan(l.source(), h.logOffset(), h.logLength(), h.logGuid(), monitor);
        for (LogEntries.Entry e : r.entries()) {
            if (e.problem() == null) continue;
            p.capped(VhdxCodes.LOG_ENTRY_INVALID, h.logOffset() + e.at(), LogEntries.SECTOR, "log entry at "
                    + Problems.hex(h.logOffset() + e.at()) + " (sequence " + Long.toUnsignedString(e.sequence())
                    + ") is invalid: " + e.problem());
        }
        if (r.active().isEmpty()) {
            p.add(VhdxCodes.LOG_NO_VALID_ENTRY, guidAt, 16, "header " + h.index() + " has LogGuid " + h.logGuid()
                    + " but the log at " + Problems.hex(h.logOffset()) + " holds no valid entry for it ("
                    + r.entries().size() + " entries with that GUID, all invalid)");
            return;
        }
        LogEntries.Entry first = r.active().get(0);
        LogEntries.Entry last = r.active().get(r.active().size() - 1);
        p.add(VhdxCodes.LOG_REPLAY_NEEDED, guidAt, 16, "header " + h.index() + " has LogGuid " + h.logGuid()
                + ": the image was not closed cleanly; its log holds " + r.active().size() + " valid entr"
                + (r.active().size() == 1 ? "y" : "ies") + " to replay (sequence " + Long.toUnsignedString(
                        first.sequence()) + " at " + Problems.hex(h.logOffset() + first.at()) + " to "
                + Long.toUnsignedString(last.sequence()) + " at " + Problems.hex(h.logOffset() + last.at())
                + "); until then the BAT and metadata on disk are not the image's real state");
    }
}
