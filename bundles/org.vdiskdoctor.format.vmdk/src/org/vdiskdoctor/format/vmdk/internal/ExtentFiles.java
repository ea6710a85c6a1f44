// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.io.PathInspector;
import org.vdiskdoctor.core.io.PathPolicy;
import org.vdiskdoctor.format.vmdk.VmdkCodes;

/**
 * Opens the extents a separate descriptor lists. Their names come from the descriptor, so they are resolved like
 * VMware does (relative to the descriptor's folder) and followed only inside that folder, after symbolic links
 * ({@link PathPolicy}): the engine's wider policy is not applied, since extents belong beside their descriptor.
 */
final class ExtentFiles {

    private ExtentFiles() {
    }

    static List<Extent> open(Descriptor d, ImageSource desc, Problems p) throws IOException {
        Path f = desc.path();
        Path self = f.toAbsolutePath();
        PathPolicy policy = PathPolicy.within(List.of(self.getParent()), false);
        List<Extent> out = new ArrayList<>();
        long start = 0;
        for (Descriptor.Extent e : d.extents()) {
            out.add(openOne(e, start, policy, self, desc, d, p));
            start += e.sectors();
        }
        return out;
    }

    private static Extent openOne(Descriptor.Extent e, long start, PathPolicy policy, Path self, ImageSource desc,
            Descriptor d, Problems p) throws IOException {
        Path f = desc.path();
        Descriptor.Line line = e.line();
        if (e.type().equals("ZERO")) return new Extent(start, e.sectors(), e, null, null, ExtentData.ZERO);
        String what = "extent " + e.type() + " \"" + (e.file() == null ? "" : DescriptorChecks.printable(e.file()))
                + "\" (line " + line.number() + ")";
        if (e.file() == null || e.file().isEmpty()) {
            p.add(VmdkCodes.EXTENT_MISSING, f, line.offset(), line.length(), what + " names no file");
            return new Extent(start, e.sectors(), e, null, null, null);
        }
        PathPolicy.Resolution r = policy.resolve(self, e.file());
        if (r instanceof PathPolicy.Escapes esc) {
            p.add(VmdkCodes.EXTENT_ESCAPE, f, line.offset(), line.length(), what + " resolves to " + esc.path()
                    + ", outside the descriptor's folder " + policy.allowedRoots() + "; it is not read");
            return new Extent(start, e.sectors(), e, null, null, null);
        }
        if (r instanceof PathPolicy.Invalid inv) {
            p.add(VmdkCodes.EXTENT_MISSING, f, line.offset(), line.length(), what + " is not a valid path: "
                    + inv.reason());
            return new Extent(start, e.sectors(), e, null, null, null);
        }
        PathPolicy.Inside in = (PathPolicy.Inside) r;
        if (!in.exists() || !PathInspector.inspect(in.path()).kind().readable() || Files.isDirectory(in.path())) {
            p.add(VmdkCodes.EXTENT_MISSING, f, line.offset(), line.length(), what + " (" + in.path() + ") "
                    + (in.exists() ? "is not a readable file" : "does not exist") + "; the guest data in its "
                    + e.sectors() + " sectors is lost unless the file was renamed or moved (VMware: 'The system"
                    + " cannot find the file specified')" + siblings(self));
            return new Extent(start, e.sectors(), e, null, null, null);
        }
        if (in.path().equals(self.toRealPath())) {
            p.add(VmdkCodes.EXTENT_MISSING, f, line.offset(), line.length(), what + " names the descriptor file"
                    + " itself, which holds no extent data");
            return new Extent(start, e.sectors(), e, null, null, null);
        }
        ImageSource file = ImageSource.open(in.path());
        try {
            return typed(e, start, file, d, p, f, what);
        } catch (IOException | RuntimeException ex) {
            file.close();
            throw ex;
        }
    }

    private static Extent typed(Descriptor.Extent e, long start, ImageSource file, Descriptor d, Problems p, Path f,
            String what) throws IOException {
        Descriptor.Line line = e.line();
        switch (e.type()) {
            case "FLAT", "VMFS" -> {
                long need = e.fileOffset() > Long.MAX_VALUE / 512 - e.sectors() ? Long.MAX_VALUE
                        : (e.fileOffset() + e.sectors()) * 512;
                if (file.size() < need) {
                    p.add(VmdkCodes.EXTENT_SIZE_MISMATCH, f, line.offset(), line.length(), what + " needs "
                            + need + " bytes (offset " + e.fileOffset() + " + " + e.sectors() + " sectors), but "
                            + file.path() + " has " + file.size() + "; the guest reads zeros past its end");
                }
                return new Extent(start, e.sectors(), e, file, null, new FlatData(file, e.fileOffset() * 512));
            }
            case "SPARSE" -> {
                SparseLayout l = SparseExtentOpen.layout(file, "streamOptimized".equals(d.createType()), p);
                if (l != null && l.header().capacity() != e.sectors()) {
                    p.add(VmdkCodes.EXTENT_SIZE_MISMATCH, f, line.offset(), line.length(), what + " has "
                            + e.sectors() + " sectors in the descriptor, but the sparse header of " + file.path()
                            + " says its capacity is " + l.header().capacity() + " sectors");
                }
                return new Extent(start, e.sectors(), e, file, l, l == null ? null : new SparseData(file, l));
            }
            default -> {
                p.add(VmdkCodes.EXTENT_UNSUPPORTED, f, line.offset(), line.length(), what + " is an ESXi "
                        + e.type() + " extent, whose data this tool does not read (it is detected and described"
                        + " only); guest-level checks are skipped");
                return new Extent(start, e.sectors(), e, file, null, null);
            }
        }
    }

    /** ", other .vmdk files here: a, b" — a hint for renamed extents. */
    private static String siblings(Path self) {
        List<String> names = new ArrayList<>();
        try (var s = Files.list(self.getParent())) {
            s.map(x -> x.getFileName().toString()).filter(n -> n.toLowerCase(java.util.Locale.ROOT).endsWith(".vmdk"))
                    .filter(n -> !n.equals(self.getFileName().toString())).sorted().limit(10).forEach(names::add);
        } catch (IOException ex) {
            return "";
        }
        return names.isEmpty() ? "" : "; other .vmdk files in the folder: " + String.join(", ", names);
    }
}
