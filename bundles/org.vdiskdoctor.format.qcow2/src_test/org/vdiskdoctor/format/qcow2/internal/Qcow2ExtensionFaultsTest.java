// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2CheckFixture.qemuCheck;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.create;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.getInt;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.getLong;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.put;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.putLong;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.qemuImg;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.run;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Evidence;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.format.qcow2.Qcow2Codes;
import org.vdiskdoctor.format.qcow2.internal.Qcow2CheckFixture.QemuCheck;
import org.vdiskdoctor.testing.DriverRun;

/**
 * Header extension faults (too many, a known extension with a length QEMU rejects, an external data file name without
 * its feature bit): each test rewrites the extension area of a qemu-img image and cross-checks qemu-img's text.
 */
class Qcow2ExtensionFaultsTest {

    /** Where qemu-img 7.x version 3 headers end and the extensions start (header_length). */
    private static final int HEADER_LENGTH = 112;

    @TempDir
    Path dir;

    /**
     * Overwrites the extension area of {@code f} from header_length with {@code count} feature name table
     * extensions (0x6803f857) of length 0, then the end marker. A length-0 feature name table is valid (no
     * finding of its own), so only the count matters.
     */
    private static void writeEmptyExtensions(Path f, int count) throws Exception {
        assertEquals(HEADER_LENGTH, getInt(f, 100), "header_length of the qemu-img image");
        ByteBuffer b = ByteBuffer.allocate(8 * count + 8);
        for (int i = 0; i < count; i++) b.putInt(HeaderExtensions.FEATURE_NAME_TABLE).putInt(0);
        put(f, HEADER_LENGTH, b.clear());
    }

    @Test
    void moreThan256ExtensionsAreTooMany() throws Exception {
        Path f = create(dir, "many.qcow2");
        // fault: 257 empty extensions at 112..2168 (the area ends at the end of cluster 0, 65536: no backing file)
        writeEmptyExtensions(f, HeaderExtensions.MAX_EXTENSIONS + 1);
        DriverRun r = run(f);
        Finding many = r.get(Qcow2Codes.EXTENSION_TOO_MANY);
        assertEquals(Severity.WARNING, many.severity());
        long last = HEADER_LENGTH + 8L * HeaderExtensions.MAX_EXTENSIONS;
        assertEquals(new Evidence(f, HEADER_LENGTH, last - HEADER_LENGTH), many.evidence().get(0));
        assertTrue(many.message().contains("more than 256 header extensions before 0x" + Long.toHexString(last)),
                many::message);
        assertEquals(List.of(Qcow2Codes.EXTENSION_TOO_MANY), r.codes(), r::toString);
        // QEMU has no limit: it reads all 257 and finds nothing wrong; we warn because no writer makes so many
        QemuCheck q = qemuCheck(f);
        assertEquals(0, q.exit(), q::output);
        assertTrue(q.output().contains("No errors were found on the image."), q::output);
    }

    @Test
    void exactly256ExtensionsAreNotTooMany() throws Exception {
        Path f = create(dir, "max.qcow2");
        // boundary: 256 empty extensions, then the end marker at 112 + 2048
        writeEmptyExtensions(f, HeaderExtensions.MAX_EXTENSIONS);
        DriverRun r = run(f);
        assertEquals(List.of(), r.findings(), r::toString);
    }

    @Test
    void backingFormatOf16BytesHasABadLength() throws Exception {
        qemuImg(dir, "create", "-q", "-f", "qcow2", "base.qcow2", "1M");
        Path f = create(dir, "over.qcow2", "-b", "base.qcow2", "-F", "qcow2");
        long nameAt = getLong(f, 8);
        assertTrue(nameAt > HEADER_LENGTH + 32, "backing name at " + nameAt);
        // fault: the extension area rewritten as a backing format extension (0xe2792aca) of length 16 ("qcow2" and
        // 11 NULs; QEMU's buffer holds 15 bytes and the NUL), then the end marker; the backing name stays at nameAt
        ByteBuffer b = ByteBuffer.allocate(32).putInt(HeaderExtensions.BACKING_FORMAT).putInt(16)
                .put("qcow2".getBytes(StandardCharsets.US_ASCII));
        put(f, HEADER_LENGTH, b.clear());
        DriverRun r = run(f);
        Finding bad = r.get(Qcow2Codes.EXTENSION_BAD_LENGTH);
        assertEquals(Severity.ERROR, bad.severity());
        assertEquals(new Evidence(f, HEADER_LENGTH, 8), bad.evidence().get(0));
        assertTrue(bad.message().contains("backing format extension at 0x70 is 16 bytes long")
                && bad.message().contains("ext_backing_format: len=16 too large"), bad::message);
        // qemu-img refuses to open the image with the text our message quotes
        QemuCheck q = qemuCheck(f);
        assertEquals(1, q.exit(), q::output);
        assertTrue(q.output().contains("ext_backing_format: len=16 too large"), q::output);
    }

    @Test
    void dataFileNameWithoutTheFeatureBitIsIgnored() throws Exception {
        Path f = create(dir, "df.qcow2", "-o", "data_file=df.raw");
        long ext = Qcow2Fixture.findExtension(f, HeaderExtensions.EXTERNAL_DATA_FILE);
        assertTrue(ext > 0, "qemu-img wrote no data file name extension");
        assertEquals(4L, getLong(f, Qcow2Header.OFF_INCOMPATIBLE), "only incompatible bit 2 (data file) is set");
        // fault: incompatible_features (offset 72) cleared, dropping bit 2; the name extension stays
        putLong(f, Qcow2Header.OFF_INCOMPATIBLE, 0);
        DriverRun r = run(f);
        Finding name = r.get(Qcow2Codes.DATA_FILE_NAME_WITHOUT_FEATURE);
        assertEquals(Severity.INFO, name.severity());
        assertEquals(ext, name.evidence().get(0).offset());
        assertTrue(name.message().contains("names 'df.raw'") && name.message().contains("incompatible bit 2"),
                name::message);
        assertEquals(List.of(Qcow2Codes.DATA_FILE_NAME_WITHOUT_FEATURE), r.codes(), r::toString);
        assertFalse(r.has(Qcow2Codes.DATA_FILE_EXTERNAL));
        // QEMU ignores the name too and reads data from the image file itself: nothing wrong for qemu-img check
        QemuCheck q = qemuCheck(f);
        assertEquals(0, q.exit(), q::output);
        assertTrue(q.output().contains("No errors were found on the image."), q::output);
    }
}
