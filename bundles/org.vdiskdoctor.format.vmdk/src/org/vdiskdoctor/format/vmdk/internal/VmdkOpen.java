// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.io.PathPolicy;
import org.vdiskdoctor.format.vmdk.VmdkCodes;

/**
 * Opens what the user pointed at: a sparse extent (KDMV, usually with an embedded descriptor), a descriptor text
 * file (its extents opened beside it), or a file named like a VMDK that is neither — for a {@code -flat.vmdk} the
 * finding says the descriptor beside it is missing. Every size is bounded before it is read.
 */
final class VmdkOpen {

    private VmdkOpen() {
    }

    /** Whether {@code head} looks like descriptor text: the signature, or a createType key early in ASCII text. */
    static boolean descriptorText(ByteBuffer head) {
        int n = Math.min(head.remaining(), 4096);
        byte[] b = new byte[n];
        head.duplicate().get(b);
        String s = new String(b, StandardCharsets.ISO_8859_1);
        if (s.startsWith(Descriptor.SIGNATURE)) return true;
        int nul = s.indexOf('\0');
        String text = nul < 0 ? s : s.substring(0, nul);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') return false;
        }
        return text.contains("createType") && text.matches("(?s).*\\b(RW|RDONLY|NOACCESS)\\s+\\d+\\s+[A-Z]+.*");
    }

    static VmdkImage open(ImageSource src) throws IOException {
        Problems p = new Problems();
        ByteBuffer head = src.readUpTo(0, 4096);
        if (SparseHeader.hasMagic(head)) return sparse(src, p);
        if (descriptorText(head)) return descriptorFile(src, p);
        Path f = src.path();
        String name = f.getFileName() == null ? "" : f.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        ByteBuffer le = head.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        boolean cowd = le.remaining() >= 4 && le.getInt(le.position()) == COWD_MAGIC;
        boolean seSparse = le.remaining() >= 8 && le.getLong(le.position()) == SESPARSE_MAGIC;
        if (cowd || seSparse || lower.endsWith(DELTA) || lower.endsWith(SESPARSE)) {
            snapshotData(src, name, lower, seSparse || !cowd && lower.endsWith(SESPARSE), cowd || seSparse, p);
        } else if (lower.endsWith("-flat.vmdk")) {
            String base = name.substring(0, name.length() - "-flat.vmdk".length()) + ".vmdk";
            boolean beside = besideExists(f, base);
            p.add(VmdkCodes.DESCRIPTOR_MISSING_BESIDE_FLAT, f, -1, 0, "this is a flat extent (raw guest data, no"
                    + " header), not a disk VMware or QEMU can open by itself; " + (beside ? "open its descriptor '"
                    + base + "' beside it instead" : "its descriptor '" + base + "' is missing beside it: recreate"
                    + " a descriptor naming this file (createType=\"monolithicFlat\", RW " + src.size() / 512
                    + " FLAT \"" + name + "\" 0) or convert the file as a raw disk"));
        } else {
            p.add(VmdkCodes.HEADER_BAD_MAGIC, f, 0, Math.min(4, src.size()), "the file is named like a VMDK but"
                    + " starts neither with KDMV (a sparse extent) nor with '" + Descriptor.SIGNATURE + "' (a"
                    + " descriptor); it is damaged, or another format renamed");
        }
        return new VmdkImage(src, null, null, List.of(), -1, p.findings());
    }

    /** "COWD" little-endian: the header of a VMFSSPARSE extent (ESXi snapshot deltas, and ESX 2 sparse disks). */
    static final int COWD_MAGIC = 0x44574f43;
    /** The SESPARSE extent's header magic (ESXi seSparse snapshots), a little-endian 64-bit word. */
    static final long SESPARSE_MAGIC = 0xcafebabeL;
    private static final String DELTA = "-delta.vmdk";
    private static final String SESPARSE = "-sesparse.vmdk";

    /**
     * The data file of an ESXi snapshot opened alone: it holds only the blocks written since the snapshot, and only
     * its descriptor (NAME-00000N.vmdk beside it) says which parent it refines.
     */
    private static void snapshotData(ImageSource src, String name, String lower, boolean seSparse, boolean magic,
            Problems p) {
        Path f = src.path();
        String suffix = lower.endsWith(DELTA) ? DELTA : lower.endsWith(SESPARSE) ? SESPARSE : null;
        String base = suffix == null ? null : name.substring(0, name.length() - suffix.length()) + ".vmdk";
        boolean beside = base != null && besideExists(f, base);
        String kind = seSparse ? "an seSparse extent (SESPARSE, the snapshot format of VMFS 6 and of disks over 2 TB)"
                : "a vmfsSparse extent (VMFSSPARSE, COWD header: the delta of an ESXi snapshot)";
        String what = "this is the data file of an ESXi snapshot, " + kind + (magic ? "" : " by its name")
                + ": it holds only the guest blocks written since the snapshot was taken, not a disk VMware or QEMU "
                + "can open by itself; ";
        String advice = beside ? "open its descriptor '" + base + "' beside it instead (it names this file and the "
                + "parent disk)"
                : base != null ? "its descriptor '" + base + "' is missing beside it (a common loss when only the big "
                        + "files were copied): recreate it from the parent's descriptor (createType=\""
                        + (seSparse ? "seSparse" : "vmfsSparse") + "\", parentCID = the parent's CID, "
                        + "parentFileNameHint = the parent's .vmdk, one extent line RW <the parent's sectors> "
                        + (seSparse ? "SESPARSE" : "VMFSSPARSE") + " \"" + name + "\") and open that"
                        : "open the snapshot's descriptor (the small .vmdk that names this file) or the VM's folder";
        long evidence = magic ? Math.min(seSparse ? 8 : 4, src.size()) : 0;
        p.add(VmdkCodes.DESCRIPTOR_MISSING_BESIDE_DELTA, f, magic ? 0 : -1, evidence, what + advice);
    }

    private static boolean besideExists(Path f, String name) {
        PathPolicy.Resolution r = PathPolicy.within(List.of(f.toAbsolutePath().getParent()), false)
                .resolve(f.toAbsolutePath(), name);
        return r instanceof PathPolicy.Inside in && in.exists();
    }

    private static VmdkImage descriptorFile(ImageSource src, Problems p) throws IOException {
        Path f = src.path();
        if (src.size() > Descriptor.MAX_SIZE) {
            p.add(VmdkCodes.DESCRIPTOR_TOO_LARGE, f, 0, src.size(), "the descriptor file has " + src.size()
                    + " bytes, more than the " + Descriptor.MAX_SIZE + " this tool reads; a real descriptor has a few"
                    + " hundred, so the file is probably not one");
            return new VmdkImage(src, null, null, List.of(), -1, p.findings());
        }
        byte[] text = new byte[(int) src.size()];
        src.readFully(0, ByteBuffer.wrap(text));
        Descriptor d = Descriptor.parse(text, 0);
        DescriptorChecks.check(d, f, p);
        ChangeTracking.check(d, f, p);
        List<Extent> extents = ExtentFiles.open(d, src, p);
        long size = d.sectors() * 512;
        return build(src, d, null, extents, size, p);
    }

    private static VmdkImage build(ImageSource src, Descriptor d, SparseHeader h, List<Extent> extents, long size,
            Problems p) {
        boolean readable = !extents.isEmpty() && extents.stream().allMatch(e -> e.data() != null);
        return readable ? new VmdkGuestImage(src, d, h, extents, size, p.findings())
                : new VmdkImage(src, d, h, extents, size, p.findings());
    }

    private static VmdkImage sparse(ImageSource src, Problems p) throws IOException {
        Path f = src.path();
        if (src.size() < SparseHeader.SIZE) {
            p.add(VmdkCodes.FILE_TRUNCATED, f, 0, src.size(), "the file has " + src.size() + " bytes, less than the"
                    + " 512-byte sparse header");
            return new VmdkImage(src, null, null, List.of(), -1, p.findings());
        }
        SparseHeader h = SparseHeader.read(src, 0);
        Descriptor d = EmbeddedDescriptor.read(h, src, p);
        boolean stream = d != null && "streamOptimized".equals(d.createType());
        SparseLayout l = SparseLayout.of(h, src, stream, p);
        if (d != null) {
            DescriptorChecks.check(d, f, p);
            ChangeTracking.check(d, f, p);
            EmbeddedDescriptor.checkExtents(d, h, src, p);
        }
        long capacity = h.capacity();
        boolean sized = l != null && capacity >= 0 && capacity <= Long.MAX_VALUE / 512;
        Extent only = new Extent(0, sized ? capacity : 0, d == null || d.extents().isEmpty() ? null
                : d.extents().get(0), src, l, l == null ? null : new SparseData(src, l));
        return build(src, d, h, l == null ? List.of() : List.of(only), sized ? capacity * 512 : -1, p);
    }
}
