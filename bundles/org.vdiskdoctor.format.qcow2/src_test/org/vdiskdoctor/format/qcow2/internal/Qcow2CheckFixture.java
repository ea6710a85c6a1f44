// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.format.qcow2.Qcow2Codes;
import org.vdiskdoctor.testing.DriverRun;
import org.vdiskdoctor.testing.Tools;

/**
 * Cross-checks with the real {@code qemu-img check}: its text output parsed into the sets of leaked and
 * refcount-error cluster indexes and its exit class, ours taken from the findings; {@code qemu-io} to write data;
 * and where an image's tables lie, for byte surgery.
 */
final class Qcow2CheckFixture {

    static final String QEMU_IO = "/usr/bin/qemu-io";
    private static final Pattern LEAK = Pattern.compile("Leaked cluster (\\d+) refcount=\\d+ reference=\\d+");
    private static final Pattern ERROR = Pattern.compile("ERROR cluster (\\d+) refcount=\\d+ reference=\\d+");
    private static final Pattern OURS = Pattern.compile(": cluster (\\d+) \\(0x[0-9a-f]+\\): refcount on disk");

    private Qcow2CheckFixture() {
    }

    /** What {@code qemu-img check} said: exit code, leaked and refcount-error clusters, the whole text. */
    record QemuCheck(int exit, Set<Long> leaked, Set<Long> errors, String output) {
        boolean copiedErrors() {
            return output.contains("ERROR OFLAG_COPIED");
        }

        boolean pastEof() {
            return output.contains("exceeding the end of the file");
        }
    }

    /** Runs a command in {@code dir}, returning its exit code and output. */
    static Object[] exec(Path dir, List<String> cmd) throws IOException, InterruptedException {
        Tools.Run r = Tools.execIn(dir, cmd);
        return new Object[] { r.exit(), r.out() };
    }

    /** {@code qemu-io -f qcow2 -c cmd… file}; fails the test when it does not exit 0. */
    static void qemuIo(Path file, String... commands) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(QEMU_IO, "-f", "qcow2"));
        for (String c : commands) {
            cmd.add("-c");
            cmd.add(c);
        }
        cmd.add(file.toString());
        Object[] r = exec(file.getParent(), cmd);
        assertEquals(0, r[0], () -> cmd + " failed: " + r[1]);
    }

    /** {@code qemu-img check -f qcow2 file} (or with {@code opts} instead of {@code -f qcow2 file}). */
    static QemuCheck qemuCheck(Path file, String... opts) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Qcow2Fixture.QEMU_IMG, "check"));
        if (opts.length == 0) {
            cmd.addAll(List.of("-f", "qcow2", file.toString()));
        } else {
            cmd.addAll(List.of(opts));
        }
        Object[] r = exec(file.getParent(), cmd);
        String out = (String) r[1];
        return new QemuCheck((Integer) r[0], clusters(LEAK, out), clusters(ERROR, out), out);
    }

    private static Set<Long> clusters(Pattern p, String text) {
        Set<Long> out = new TreeSet<>();
        Matcher m = p.matcher(text);
        while (m.find()) out.add(Long.parseLong(m.group(1)));
        return out;
    }

    /** The clusters our findings of {@code code} name. */
    static Set<Long> ours(DriverRun r, FindingCode code) {
        Set<Long> out = new TreeSet<>();
        for (Finding f : r.findings()) {
            if (!f.code().equals(code)) continue;
            Matcher m = OURS.matcher(f.message());
            if (m.find()) out.add(Long.parseLong(m.group(1)));
        }
        return out;
    }

    /** QEMU's exit class from our findings: 2 with an error, 3 with warnings only, else 0. */
    static int exitClass(DriverRun r) {
        Severity worst = null;
        for (Finding f : r.findings()) worst = Severity.worst(worst, f.severity());
        return worst == Severity.ERROR ? 2 : worst == Severity.WARNING ? 3 : 0;
    }

    /**
     * Asserts that our leaked and too-low cluster sets equal qemu-img's, and the exit class too; returns both.
     */
    static DriverRun crossCheck(Path file, String... qemuOpts) throws IOException, InterruptedException {
        QemuCheck q = qemuCheck(file, qemuOpts);
        DriverRun r = Qcow2Fixture.run(file);
        assertEquals(q.leaked(), ours(r, Qcow2Codes.REFCOUNT_LEAK), () -> "leaks; qemu-img said:\n" + q.output() + r);
        assertEquals(q.errors(), ours(r, Qcow2Codes.REFCOUNT_TOO_LOW), () -> "refcount errors; qemu-img said:\n"
                + q.output() + r);
        assertEquals(q.exit(), exitClass(r), () -> "exit class; qemu-img said:\n" + q.output() + r);
        return r;
    }

    /** Where an image's tables are, read from its header and L1 table, for byte surgery. */
    record Layout(Path file, int clusterBits, long l1Offset, long refcountTableOffset, int refcountOrder) {

        static Layout of(Path file) throws IOException {
            return new Layout(file, Qcow2Fixture.getInt(file, 20), Qcow2Fixture.getLong(file, 40),
                    Qcow2Fixture.getLong(file, 48),
                    Qcow2Fixture.getInt(file, 4) == 3 ? Qcow2Fixture.getInt(file, 96) : 4);
        }

        long clusterSize() {
            return 1L << clusterBits;
        }

        /** The offset of the L2 entry that maps {@code guest}. */
        long l2Entry(long guest) throws IOException {
            long perL2 = clusterSize() / 8;
            long cluster = guest >>> clusterBits;
            long l2 = Qcow2Fixture.getLong(file, l1Offset + 8 * (cluster / perL2)) & ClusterEntries.OFFSET_MASK;
            assertTrue(l2 != 0, "guest offset " + guest + " has no L2 table");
            return l2 + 8 * (cluster % perL2);
        }

        /** The host cluster index that holds {@code guest}. */
        long dataCluster(long guest) throws IOException {
            return (Qcow2Fixture.getLong(file, l2Entry(guest)) & ClusterEntries.OFFSET_MASK) >>> clusterBits;
        }

        /** The offset of the 16-bit refcount entry of {@code cluster} (refcount_order 4 only). */
        long refcountEntry(long cluster) throws IOException {
            assertEquals(4, refcountOrder, "surgery helper assumes 16-bit refcounts");
            int blockBits = clusterBits + 3 - refcountOrder;
            long block = Qcow2Fixture.getLong(file, refcountTableOffset + 8 * (cluster >>> blockBits));
            return block + 2 * (cluster & ((1L << blockBits) - 1));
        }

        void setRefcount(long cluster, int value) throws IOException {
            Qcow2Fixture.put(file, refcountEntry(cluster),
                    java.nio.ByteBuffer.allocate(2).putShort(0, (short) value));
        }
    }
}
