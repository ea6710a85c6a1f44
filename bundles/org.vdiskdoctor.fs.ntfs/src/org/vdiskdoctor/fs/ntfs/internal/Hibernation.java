// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.fs.ntfs.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestVolume;
import org.vdiskdoctor.fs.ntfs.NtfsCodes;

/**
 * Finds hiberfil.sys in the root directory (MFT record 5): through the root's $I30 index, as ntfs-3g does, else
 * (a damaged index, or a file the index does not list) among the first {@value #MAX_RECORDS} MFT records by their
 * $FILE_NAME with parent 5; records are located through $MFT's own data runs. Then it reads the first bytes of the
 * file's data: an active hibernation image starts with "HIBR", "WAKE" or "RSTR" (any case), which is what ntfs-3g
 * checks before it refuses a read-write mount; a zeroed header means Windows resumed or shut down fully.
 */
final class Hibernation {

    static final int MAX_RECORDS = 1024;
    static final int FIRST_USER_RECORD = 16;
    static final long ROOT = 5;
    static final String HIBERFIL = "hiberfil.sys";
    private static final Set<String> ACTIVE = Set.of("hibr", "wake", "rstr");

    private final GuestVolume v;
    private final FindingSink sink;
    private final MftRecord mft;
    private final long cs;
    private final int rs;

    Hibernation(GuestVolume v, FindingSink sink, MftRecord mft, long cs, int rs) {
        this.v = v;
        this.sink = sink;
        this.mft = mft;
        this.cs = cs;
        this.rs = rs;
    }

    void run() throws IOException {
        MftRecord.Attribute data = mft.find(MftRecord.DATA);
        RunList runs = data == null ? null : mft.runs(data);
        if (runs == null) return;
        long records = Math.max(0, mft.dataSize(data)) / rs;
        MftRecord root = record(runs, ROOT);
        long listed = root == null || !root.inUse() ? -1 : new DirectoryIndex(v, root, cs).find(HIBERFIL);
        if (listed >= FIRST_USER_RECORD && listed < records) {
            MftRecord r = record(runs, listed);
            if (r != null && r.inUse() && isHiberfil(r)) {
                check(r, listed, runs.locate(listed * rs, rs, cs));
                return;
            }
        }
        // not in the root index (or the index is damaged): look through the first records
        for (long n = FIRST_USER_RECORD; n < Math.min(MAX_RECORDS, records); n++) {
            MftRecord r = record(runs, n);
            if (r == null || !r.inUse() || !isHiberfil(r)) continue;
            check(r, n, runs.locate(n * rs, rs, cs));
            return;
        }
    }

    /** MFT record {@code n}, located through $MFT's runs, or null when it is not inside the volume. */
    private MftRecord record(RunList runs, long n) throws IOException {
        long at = runs.locate(n * rs, rs, cs);
        if (at < 0 || !v.contains(at, rs)) return null;
        byte[] raw = new byte[rs];
        v.read(at, rs).get(raw);
        return MftRecord.of(raw);
    }

    private void check(MftRecord r, long n, long at) throws IOException {
        String header = header(r);
        if (header != null && ACTIVE.contains(header.toLowerCase(Locale.ROOT))) {
            sink.report(v.finding(NtfsCodes.HIBERNATED, "hiberfil.sys (MFT record " + n + ") starts with \""
                    + header + "\": Windows is hibernated or was shut down with Fast Startup; ntfs-3g refuses a "
                    + "read-write mount (\"Windows is hibernated, refused to mount\")", at, rs));
        }
    }

    private static boolean isHiberfil(MftRecord r) {
        for (MftRecord.Attribute a : r.attributes()) {
            if (a.type() != MftRecord.FILE_NAME) continue;
            byte[] fn = r.value(a);
            if (fn == null || fn.length < 66) continue;
            long parent = 0;
            for (int i = 5; i >= 0; i--) parent = parent << 8 | (fn[i] & 0xff);
            int len = fn[64] & 0xff;
            if (parent != ROOT || 66 + 2 * len > fn.length) continue;
            if (new String(fn, 66, 2 * len, StandardCharsets.UTF_16LE).equalsIgnoreCase(HIBERFIL)) return true;
        }
        return false;
    }

    /** The first four bytes of the unnamed $DATA as text, or null when they cannot be read. */
    private String header(MftRecord r) throws IOException {
        MftRecord.Attribute d = r.find(MftRecord.DATA);
        if (d == null) return null;
        byte[] first;
        if (!d.nonResident()) {
            first = r.value(d);
        } else {
            RunList runs = r.runs(d);
            if (runs == null || runs.runs().isEmpty() || runs.runs().get(0)[1] < 0) return null;
            long lcn = runs.runs().get(0)[1];
            if (lcn > v.size() / cs || !v.contains(lcn * cs, 4)) return null;
            first = new byte[4];
            v.read(lcn * cs, 4).get(first);
        }
        return first == null || first.length < 4 ? null : new String(first, 0, 4, StandardCharsets.ISO_8859_1);
    }
}
