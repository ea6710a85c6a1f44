// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import java.nio.file.Path;

import org.vdiskdoctor.format.vmdk.VmdkCodes;

/** Judges a parsed {@link Descriptor}: signature, createType, CIDs, extents, odd lines, the parent's name. */
final class DescriptorChecks {

    private DescriptorChecks() {
    }

    static void check(Descriptor d, Path f, Problems p) {
        if (!d.signed()) {
            long at = d.lines().isEmpty() ? d.base() : d.lines().get(0).offset();
            int len = d.lines().isEmpty() ? 0 : d.lines().get(0).length();
            p.add(VmdkCodes.DESCRIPTOR_SIGNATURE_MISSING, f, at, len, "the descriptor does not start with '"
                    + Descriptor.SIGNATURE + "'; VMware tolerates it, but VirtualBox refuses the disk"
                    + " ('VMDK: descriptor does not start as expected')");
        }
        for (Descriptor.Line l : d.garbage()) {
            p.addCapped(VmdkCodes.DESCRIPTOR_GARBAGE_LINE, f, l.offset(), l.length(), "descriptor line " + l.number()
                    + " '" + printable(l.text()) + "' is no comment, key = value pair or extent line (access,"
                    + " sectors, type FLAT/SPARSE/ZERO/VMFS/VMFSSPARSE/SESPARSE…, \"file\", offset); it is ignored");
        }
        p.summarize();
        Descriptor.Entry type = d.entry("createType");
        if (type == null) {
            p.add(VmdkCodes.DESCRIPTOR_CREATE_TYPE_MISSING, f, d.base(), d.size(), "the descriptor has no"
                    + " createType; VMware refuses the disk and QEMU guesses from the extents");
        } else if (!Descriptor.CREATE_TYPES.contains(type.value())) {
            p.add(VmdkCodes.DESCRIPTOR_CREATE_TYPE_UNKNOWN, f, type.line().offset(), type.line().length(),
                    "createType \"" + printable(type.value()) + "\" is no type VMware or QEMU knows (monolithicSparse,"
                    + " monolithicFlat, twoGbMaxExtentSparse, twoGbMaxExtentFlat, streamOptimized, vmfs, vmfsSparse,"
                    + " vmfsThin, seSparse, …); QEMU refuses it ('Unsupported image type')");
        }
        for (String key : new String[] { "CID", "parentCID" }) {
            Descriptor.Entry e = d.entry(key);
            if (e == null || Descriptor.cid(e.value()) == null) {
                long at = e == null ? d.base() : e.line().offset();
                long len = e == null ? d.size() : e.line().length();
                p.add(VmdkCodes.DESCRIPTOR_CID_INVALID, f, at, len, key + (e == null ? " is missing" : " is '"
                        + printable(e.value()) + "', not a 32-bit hex number") + "; the content ID links delta disks"
                        + " to their parents, and VMware reports a content ID mismatch without it");
            }
        }
        if (d.extents().isEmpty()) {
            p.add(VmdkCodes.DESCRIPTOR_NO_EXTENTS, f, d.base(), d.size(), "the descriptor lists no extent line"
                    + " (e.g. RW 2097152 SPARSE \"disk.vmdk\"), so the disk has no data; VMware and QEMU refuse it");
        }
        if (d.hasParent() && (d.value("parentFileNameHint") == null || d.value("parentFileNameHint").isEmpty())) {
            Descriptor.Entry e = d.entry("parentCID");
            p.add(VmdkCodes.CHAIN_PARENT_HINT_MISSING, f, e.line().offset(), e.line().length(), "parentCID is "
                    + e.value() + ", so this is a delta disk, but no parentFileNameHint names its parent; every"
                    + " unallocated grain would come from a parent no tool can find");
        }
    }

    /** The text with control characters escaped and long lines cut. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 200; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) b.append(String.format("\\x%02x", (int) c));
            else b.append(c);
        }
        return s.length() > 200 ? b + "…" : b.toString();
    }
}
