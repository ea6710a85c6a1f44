// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.format.vhdx.VhdxCodes;

/**
 * The Parent Locator metadata item of a differencing image: a locator type GUID (VHDX's own is
 * {@code {B04AEFB7-D19E-4A81-B789-25B8E9445913}}) and UTF-16LE key/value pairs ({@code parent_linkage},
 * {@code parent_linkage2}, {@code relative_path}, {@code volume_path}, {@code absolute_win32_path}).
 * {@link #parentName()} is the relative path with Windows separators turned into {@code /}, or, when there is none,
 * the absolute path's file name (looked for next to the child).
 */
record ParentLocator(long offset, long length, Guid type, Map<String, String> entries, Map<String, long[]> where,
        String parentName, long nameAt, long nameLength, boolean fallback) {

    static final int HEADER = 20;
    static final int ENTRY = 12;

    /** Parses the locator item, or returns null with a finding when a differencing image cannot name its parent. */
    static ParentLocator read(ImageSource src, MetadataTable t, Problems p) throws IOException {
        MetadataTable.Item it = t.find(Guid.PARENT_LOCATOR);
        if (it == null) {
            p.add(VhdxCodes.PARENT_LOCATOR_MISSING, t.regionOffset(), MetadataTable.TABLE, "File Parameters say"
                    + " HasParent (a differencing image) but the metadata table has no Parent Locator item "
                    + Guid.PARENT_LOCATOR + ": the parent cannot be found");
            return null;
        }
        long at = it.fileOffset(t.regionOffset());
        int len = (int) it.length(); // at most 1 MiB, checked by MetadataTable
        if (len < HEADER) {
            p.add(VhdxCodes.PARENT_PATH_MISSING, at, len, "the Parent Locator is " + len + " bytes, smaller than"
                    + " its 20-byte header");
            return null;
        }
        ByteBuffer b = src.read(at, len).order(ByteOrder.LITTLE_ENDIAN);
        Guid type = Guid.at(b, 0);
        if (!type.equals(Guid.VHDX_PARENT_LOCATOR_TYPE)) {
            p.add(VhdxCodes.PARENT_LOCATOR_MISSING, at, 16, "the Parent Locator type is " + type + ", not the VHDX"
                    + " locator " + Guid.VHDX_PARENT_LOCATOR_TYPE + ": the parent cannot be found");
            return null;
        }
        int count = Short.toUnsignedInt(b.getShort(18));
        Map<String, String> kv = new LinkedHashMap<>();
        Map<String, long[]> where = new LinkedHashMap<>();
        String damage = null;
        for (int i = 0; i < count; i++) {
            int e = HEADER + i * ENTRY;
            if (e + ENTRY > len) {
                damage = "entry " + i + " of " + count + " lies past the item's " + len + " bytes";
                break;
            }
            long ko = Integer.toUnsignedLong(b.getInt(e));
            long vo = Integer.toUnsignedLong(b.getInt(e + 4));
            int kl = Short.toUnsignedInt(b.getShort(e + 8));
            int vl = Short.toUnsignedInt(b.getShort(e + 10));
            if (ko + kl > len || vo + vl > len || kl == 0 || kl % 2 != 0 || vl % 2 != 0) {
                damage = "entry " + i + " (key at +" + ko + "+" + kl + ", value at +" + vo + "+" + vl
                        + ") lies outside the item or has an odd or empty length";
                continue;
            }
            String key = utf16(b, (int) ko, kl);
            kv.put(key, utf16(b, (int) vo, vl));
            where.put(key, new long[] { at + vo, vl });
        }
        if (damage != null) {
            p.add(VhdxCodes.PARENT_PATH_MISSING, at, len, "the Parent Locator's key/value table is damaged: "
                    + damage);
        }
        String rel = kv.get("relative_path");
        if (rel != null && !rel.isBlank()) {
            long[] w = where.get("relative_path");
            return new ParentLocator(at, len, type, kv, where, rel.replace('\\', '/'), w[0], w[1], false);
        }
        String abs = kv.get("absolute_win32_path");
        String fileName = abs == null ? null : abs.substring(Math.max(abs.lastIndexOf('\\'), abs.lastIndexOf('/'))
                + 1);
        if (fileName == null || fileName.isBlank()) {
            p.add(VhdxCodes.PARENT_PATH_MISSING, at, len, "the Parent Locator has neither relative_path nor an"
                    + " absolute_win32_path with a file name (keys: " + kv.keySet() + "): the parent cannot be found");
            return null;
        }
        long[] w = where.get("absolute_win32_path");
        p.add(VhdxCodes.PARENT_ABSOLUTE_FALLBACK, w[0], w[1], "the Parent Locator has no relative_path; the parent"
                + " is looked for as '" + fileName + "' in the child's folder (absolute_win32_path is '" + abs + "')");
        return new ParentLocator(at, len, type, kv, where, fileName, w[0], w[1], true);
    }

    private static String utf16(ByteBuffer b, int off, int len) {
        byte[] a = new byte[len];
        b.get(off, a);
        return new String(a, StandardCharsets.UTF_16LE);
    }

    /** {@code parent_linkage}: the DataWriteGuid the parent must have, or null. */
    String linkage() {
        return entries.get("parent_linkage");
    }
}
