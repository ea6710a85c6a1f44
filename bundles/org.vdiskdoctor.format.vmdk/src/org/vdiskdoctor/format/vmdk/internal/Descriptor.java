// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed VMDK descriptor (embedded in a sparse extent or a text file of its own): its lines with their byte
 * offsets, the {@code key=value} pairs (header keys and {@code ddb.*}), the extent lines, and the lines that are
 * none of these. Parsing never fails: {@link DescriptorChecks} turns what is odd into findings.
 */
final class Descriptor {

    /** The first line VMware writes and VirtualBox requires. */
    static final String SIGNATURE = "# Disk DescriptorFile";
    /** The largest descriptor read (VMware's are a few hundred bytes; 1 MiB leaves room for any ddb). */
    static final int MAX_SIZE = 1 << 20;
    static final String NO_PARENT = "ffffffff";

    static final Set<String> CREATE_TYPES = Set.of("monolithicSparse", "monolithicFlat", "twoGbMaxExtentSparse",
            "twoGbMaxExtentFlat", "streamOptimized", "vmfs", "vmfsSparse", "vmfsThin", "seSparse", "vmfsPreallocated",
            "vmfsEagerZeroedThick", "vmfsRaw", "vmfsRDM", "vmfsRDMP", "vmfsPassthroughRawDeviceMap",
            "vmfsRawDeviceMap", "fullDevice", "partitionedDevice", "custom");
    static final Set<String> EXTENT_TYPES = Set.of("FLAT", "SPARSE", "ZERO", "VMFS", "VMFSSPARSE", "VMFSRDM",
            "VMFSRAW", "SESPARSE");

    private static final Pattern EXTENT = Pattern.compile(
            "(RW|RDONLY|NOACCESS)\\s+(\\d{1,18})\\s+([A-Za-z]+)(?:\\s+\"([^\"]*)\"(?:\\s+(\\d{1,18}))?)?\\s*");
    private static final Pattern KEY = Pattern.compile("([A-Za-z0-9_.\\-]+)\\s*=\\s*(.*?)\\s*");

    /** One line: its 1-based number, byte offset in the file, length in bytes and text (without line end). */
    record Line(int number, long offset, int length, String text) {
    }

    /** A {@code key=value} line, the value unquoted. */
    record Entry(String key, String value, Line line) {
    }

    /** An extent line. {@code file} is null for ZERO extents; {@code fileOffset} is in sectors. */
    record Extent(String access, long sectors, String type, String file, long fileOffset, Line line) {
    }

    private final long base;
    private final int size;
    private final List<Line> lines = new ArrayList<>();
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final List<Extent> extents = new ArrayList<>();
    private final List<Line> garbage = new ArrayList<>();

    private Descriptor(long base, int size) {
        this.base = base;
        this.size = size;
    }

    /** Parses {@code text}, found at byte {@code base} of its file; the text ends at the first NUL byte. */
    static Descriptor parse(byte[] text, long base) {
        int len = 0;
        while (len < text.length && text[len] != 0) len++;
        Descriptor d = new Descriptor(base, len);
        int start = 0;
        int number = 1;
        while (start < len) {
            int end = start;
            while (end < len && text[end] != '\n') end++;
            int stop = end > start && text[end - 1] == '\r' ? end - 1 : end;
            String s = new String(text, start, stop - start, StandardCharsets.UTF_8);
            d.add(new Line(number++, base + start, end - start, s));
            start = end + 1;
        }
        return d;
    }

    private void add(Line line) {
        lines.add(line);
        String t = line.text().strip();
        if (t.isEmpty() || t.startsWith("#")) return;
        Matcher m = EXTENT.matcher(t);
        if (m.matches() && EXTENT_TYPES.contains(m.group(3).toUpperCase(java.util.Locale.ROOT))) {
            long off = m.group(5) == null ? 0 : Long.parseLong(m.group(5));
            extents.add(new Extent(m.group(1), Long.parseLong(m.group(2)), m.group(3).toUpperCase(
                    java.util.Locale.ROOT), m.group(4), off, line));
            return;
        }
        Matcher k = KEY.matcher(t);
        if (k.matches() && !m.matches()) {
            String v = k.group(2);
            if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) v = v.substring(1, v.length() - 1);
            entries.putIfAbsent(k.group(1), new Entry(k.group(1), v, line));
            return;
        }
        garbage.add(line);
    }

    /** Byte offset of the descriptor in its file. */
    long base() {
        return base;
    }

    /** Text length in bytes (up to the first NUL). */
    int size() {
        return size;
    }

    List<Line> lines() {
        return lines;
    }

    List<Extent> extents() {
        return extents;
    }

    List<Line> garbage() {
        return garbage;
    }

    Map<String, Entry> entries() {
        return entries;
    }

    Entry entry(String key) {
        return entries.get(key);
    }

    String value(String key) {
        Entry e = entries.get(key);
        return e == null ? null : e.value();
    }

    String createType() {
        return value("createType");
    }

    /** Whether the first non-blank line is {@link #SIGNATURE}. */
    boolean signed() {
        for (Line l : lines) {
            if (!l.text().isBlank()) return l.text().strip().equalsIgnoreCase(SIGNATURE);
        }
        return false;
    }

    /** A CID value as 8 lowercase hex digits, or null when it is not a 32-bit hex number. */
    static String cid(String v) {
        if (v == null || !v.matches("[0-9a-fA-F]{1,8}")) return null;
        return String.format("%08x", Long.parseLong(v, 16));
    }

    /** Whether this is a delta disk: parentCID names a parent. */
    boolean hasParent() {
        String p = cid(value("parentCID"));
        return p != null && !p.equals(NO_PARENT);
    }

    /** Guest sectors of all extents (saturating). */
    long sectors() {
        long s = 0;
        for (Extent e : extents) s = e.sectors() > Long.MAX_VALUE / 2 - s ? Long.MAX_VALUE / 2 : s + e.sectors();
        return s;
    }
}
