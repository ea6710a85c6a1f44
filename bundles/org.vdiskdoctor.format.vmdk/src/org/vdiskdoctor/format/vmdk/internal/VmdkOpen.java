// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
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
        if (name.toLowerCase(Locale.ROOT).endsWith("-flat.vmdk")) {
            String base = name.substring(0, name.length() - "-flat.vmdk".length()) + ".vmdk";
            PathPolicy.Resolution r = PathPolicy.within(List.of(f.toAbsolutePath().getParent()), false)
                    .resolve(f.toAbsolutePath(), base);
            boolean beside = r instanceof PathPolicy.Inside in && in.exists();
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
