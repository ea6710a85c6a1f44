// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.io.PathPolicy;
import org.vdiskdoctor.format.vmdk.VmdkCodes;

/**
 * The descriptor inside a monolithicSparse or streamOptimized file (descriptorOffset/descriptorSize sectors), read
 * only when it lies in the file and is at most {@link Descriptor#MAX_SIZE}; and how its extent lines fit the file
 * they are in. VMware and QEMU read such a file as its own single extent whatever name the line gives.
 */
final class EmbeddedDescriptor {

    private EmbeddedDescriptor() {
    }

    /** The embedded descriptor, or null when the header has none or it cannot be read (with a finding). */
    static Descriptor read(SparseHeader h, ImageSource src, Problems p) throws IOException {
        long off = h.descriptorOffset();
        long sectors = h.descriptorSize();
        if (off == 0 || sectors == 0) return null;
        Path f = src.path();
        if (off < 0 || sectors < 0 || sectors > Descriptor.MAX_SIZE / 512) {
            p.add(VmdkCodes.DESCRIPTOR_TOO_LARGE, f, SparseHeader.OFF_DESCRIPTOR_SIZE, 8, "the embedded descriptor"
                    + " is " + Problems.dec(sectors) + " sectors at sector " + Problems.dec(off) + "; more than "
                    + Descriptor.MAX_SIZE + " bytes is not read (a real one is 1 to 20 sectors)");
            return null;
        }
        if (off > src.size() / 512 || !src.contains(off * 512, sectors * 512)) {
            p.add(VmdkCodes.FILE_TRUNCATED, f, SparseHeader.OFF_DESCRIPTOR_OFFSET, 16, "the embedded descriptor"
                    + " (sectors " + off + " to " + (off + sectors) + ") lies past the end of the file of "
                    + src.size() + " bytes: the file was cut short or the header is damaged");
            return null;
        }
        ByteBuffer b = src.read(off * 512, (int) (sectors * 512));
        byte[] text = new byte[b.remaining()];
        b.get(text);
        return Descriptor.parse(text, off * 512);
    }

    /** The extent lines against the file: its own name, and their sum against the header's capacity. */
    static void checkExtents(Descriptor d, SparseHeader h, ImageSource src, Problems p) throws IOException {
        Path f = src.path();
        if (d.extents().isEmpty()) return;
        if (d.sectors() != h.capacity()) {
            p.add(VmdkCodes.EXTENT_CAPACITY_MISMATCH, f, d.base(), d.size(), "the embedded descriptor's extents add"
                    + " up to " + d.sectors() + " sectors, but the sparse header's capacity is " + h.capacity()
                    + " sectors (offset 12); VMware uses the descriptor, QEMU the header, so the two see disks of"
                    + " different sizes");
        }
        Descriptor.Extent first = d.extents().get(0);
        if (d.extents().size() == 1 && first.file() != null) {
            Path self = f.toAbsolutePath();
            PathPolicy.Resolution r = PathPolicy.within(List.of(self.getParent()), false).resolve(self, first.file());
            boolean same = r instanceof PathPolicy.Inside in && in.exists() && in.path().equals(self.toRealPath());
            if (!same) {
                p.add(VmdkCodes.EXTENT_RENAMED, f, first.line().offset(), first.line().length(), "the embedded"
                        + " descriptor names the extent \"" + DescriptorChecks.printable(first.file()) + "\", but it"
                        + " is inside '" + self.getFileName() + "': the file was renamed without its descriptor."
                        + " VMware and QEMU still read this file; tools that follow the name do not");
            }
        }
    }
}
