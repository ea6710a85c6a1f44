// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhd.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.vdiskdoctor.core.Evidence;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.format.vhd.VhdCodes;

/**
 * The parent of a differencing disk as its dynamic header names it: eight locator entries (checked whether used or
 * not) and the parent's Unicode name. The name the engine follows is, in this order: the relative Windows path
 * (W2ru, e.g. {@code .\base.vhd}), the file name of the absolute Windows path (W2ku, e.g. {@code C:\vms\base.vhd}:
 * a folder on another machine means nothing here, so the file is looked for beside the child, with an info
 * finding), else the parent Unicode name.
 */
final class ParentLinks {

    private ParentLinks() {
    }

    /** One used locator entry and the path it holds ({@code null} when its data cannot be read). */
    record Decoded(ParentLocator locator, String path) {
    }

    /** The name to follow and where it is stored, plus every used locator. */
    record Parent(String name, Evidence storedAt, List<Decoded> locators) {
    }

    /** Reads and checks the locators of {@code h}; for differencing disks also picks the parent name. */
    static Parent read(DynamicHeader h, boolean differencing, ImageSource src, long footerOffset, Problems p)
            throws IOException {
        List<Decoded> used = new ArrayList<>();
        for (int i = 0; i < DynamicHeader.LOCATORS; i++) {
            ParentLocator l = h.locator(i);
            if (!l.used()) continue;
            used.add(new Decoded(l, readPath(l, src, footerOffset, p)));
        }
        if (!differencing) return new Parent(null, null, used);
        Decoded rel = first(used, ParentLocator.W2RU);
        if (rel != null) {
            return new Parent(relative(rel.path()), range(src, rel.locator()), used);
        }
        Decoded abs = first(used, ParentLocator.W2KU);
        if (abs != null) {
            String name = fileName(abs.path());
            p.add(VhdCodes.PARENT_ABSOLUTE_PATH_ONLY, abs.locator().dataOffset(), abs.locator().dataLength(), "the"
                    + " parent is named only by the absolute path '" + abs.path() + "' (W2ku); that folder belongs to"
                    + " the machine that made the disk, so '" + name + "' is looked for in this disk's folder");
            return new Parent(name, range(src, abs.locator()), used);
        }
        String unicode = h.parentName();
        if (!unicode.isEmpty()) {
            return new Parent(fileName(unicode), Evidence.of(src.path(), h.offset() + DynamicHeader.OFF_PARENT_NAME,
                    h.parentNameBytes()), used);
        }
        p.add(VhdCodes.PARENT_NO_NAME, h.offset() + DynamicHeader.OFF_PARENT_NAME, DynamicHeader.PARENT_NAME_LENGTH,
                "the differencing disk names no parent: no usable W2ru or W2ku locator and an empty parent Unicode"
                + " name; its unchanged sectors cannot be read");
        return new Parent(null, null, used);
    }

    private static String readPath(ParentLocator l, ImageSource src, long footerOffset, Problems p) throws IOException {
        String problem = null;
        long off = l.dataOffset();
        long len = l.dataLength();
        if (!l.known()) {
            problem = "platform code " + l.codeName() + " is none of W2ru, W2ku, Wi2r, Wi2k, Mac, MacX";
        } else if (len == 0 || len > ParentLocator.MAX_LENGTH) {
            problem = "data length " + len + " is 0 or larger than " + ParentLocator.MAX_LENGTH + " bytes";
        } else if (len > l.spaceBytes()) {
            problem = "data length " + len + " exceeds its data space of " + l.dataSpace();
        } else if (off < 0 || off > footerOffset || len > footerOffset - off) {
            problem = "its data at " + Problems.hex(off) + " (" + len + " bytes) does not end before the footer at "
                    + Problems.hex(footerOffset);
        } else if ((l.code() == ParentLocator.W2RU || l.code() == ParentLocator.W2KU) && len % 2 != 0) {
            problem = "its UTF-16 path has an odd length of " + len + " bytes";
        }
        if (problem != null) {
            p.add(VhdCodes.LOCATOR_INVALID, l.entryOffset(), DynamicHeader.LOCATOR_SIZE, "parent locator " + l.index()
                    + " (" + l.codeName() + "): " + problem + "; Hyper-V cannot find the parent through it");
            return null;
        }
        byte[] data = new byte[(int) len];
        src.read(off, (int) len).get(data);
        return l.decode(data);
    }

    private static Decoded first(List<Decoded> used, int code) {
        for (Decoded d : used) {
            if (d.locator().code() == code && d.path() != null && !d.path().isEmpty()) return d;
        }
        return null;
    }

    private static Evidence range(ImageSource src, ParentLocator l) {
        return Evidence.of(src.path(), l.dataOffset(), l.dataLength());
    }

    /** {@code .\sub\base.vhd} → {@code sub/base.vhd}: Windows separators, relative to the child's folder. */
    static String relative(String windowsPath) {
        String s = windowsPath.replace('\\', '/');
        while (s.startsWith("./")) s = s.substring(2);
        return s;
    }

    /** The last component of a Windows or Unix path. */
    static String fileName(String path) {
        int cut = Math.max(path.lastIndexOf('\\'), Math.max(path.lastIndexOf('/'), path.lastIndexOf(':')));
        return path.substring(cut + 1);
    }
}
