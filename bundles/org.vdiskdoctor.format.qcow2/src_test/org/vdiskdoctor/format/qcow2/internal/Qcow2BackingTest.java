// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.create;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.findExtension;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.getLong;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.putByte;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.putInt;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.putLong;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.qemuImg;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.run;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Evidence;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.core.spi.BackingReference;
import org.vdiskdoctor.format.qcow2.Qcow2Codes;
import org.vdiskdoctor.testing.DriverRun;

/** The backing file name and the backing format extension. */
class Qcow2BackingTest {

    @TempDir
    Path dir;

    @BeforeEach
    void base() throws Exception {
        create(dir, "base.qcow2");
    }

    @Test
    void backingWithFormatQcow2() throws Exception {
        Path f = create(dir, "child.qcow2", "-b", "base.qcow2", "-F", "qcow2");
        DriverRun r = run(f);
        assertEquals(List.of(), r.findings(), r::toString);
        BackingReference b = r.backing().orElseThrow();
        assertEquals("base.qcow2", b.name());
        assertEquals("qcow2", b.formatHint());
        long offset = getLong(f, 8);
        assertEquals(new Evidence(f, offset, 10), b.storedAt());
    }

    @Test
    void vpcBackingFormatMapsToVhd() throws Exception {
        qemuImg(dir, "create", "-q", "-f", "vpc", "base.vhd", "1M");
        DriverRun r = run(create(dir, "onvhd.qcow2", "-b", "base.vhd", "-F", "vpc"));
        assertEquals("vhd", r.backing().orElseThrow().formatHint());
        assertEquals("vpc", r.structure().find("backing file", "format").value());
    }

    @Test
    void backingWithoutFormatExtensionIsWarningNamingTheFile() throws Exception {
        Path f = create(dir, "nofmt.qcow2", "-b", "base.qcow2", "-F", "qcow2");
        // fault: qemu-img 7.2 refuses 'rebase -u' without -F, so the backing format extension's type is zeroed,
        // which ends the extension list there (as in images written by old QEMU versions)
        putInt(f, findExtension(f, HeaderExtensions.BACKING_FORMAT), 0);
        DriverRun r = run(f);
        assertEquals(List.of(Qcow2Codes.BACKING_FORMAT_MISSING), r.codes(), r::toString);
        assertEquals(Severity.WARNING, r.get(Qcow2Codes.BACKING_FORMAT_MISSING).severity());
        String m = r.get(Qcow2Codes.BACKING_FORMAT_MISSING).message();
        assertTrue(m.contains("'base.qcow2'") && m.contains("was not specified in the image metadata"), m);
        assertNull(r.backing().orElseThrow().formatHint());
    }

    @Test
    void backingFormatWithoutBackingFile() throws Exception {
        Path f = create(dir, "nofile.qcow2", "-b", "base.qcow2", "-F", "qcow2");
        putLong(f, 8, 0); // fault: backing_file_offset cleared, the format extension stays
        putInt(f, 16, 0);
        DriverRun r = run(f);
        assertEquals(List.of(Qcow2Codes.BACKING_FORMAT_WITHOUT_FILE), r.codes(), r::toString);
        assertTrue(r.backing().isEmpty());
    }

    @Test
    void backingNameWithNulIsReportedAndCutLikeQemu() throws Exception {
        Path f = create(dir, "nul.qcow2", "-b", "base.qcow2", "-F", "qcow2");
        long name = getLong(f, 8);
        putByte(f, name + 4, 0); // fault: "base\0qcow2"
        DriverRun r = run(f);
        assertEquals(List.of(Qcow2Codes.BACKING_NAME_CONTAINS_NUL), r.codes(), r::toString);
        String m = r.get(Qcow2Codes.BACKING_NAME_CONTAINS_NUL).message();
        assertTrue(m.contains("base\\x00qcow2") && m.contains("position 4"), m);
        assertEquals("base", r.backing().orElseThrow().name());
        assertEquals(new Evidence(f, name, 10), r.get(Qcow2Codes.BACKING_NAME_CONTAINS_NUL).evidence().get(0));
    }

    @Test
    void backingNameNotUtf8() throws Exception {
        Path f = create(dir, "latin.qcow2", "-b", "base.qcow2", "-F", "qcow2");
        putByte(f, getLong(f, 8) + 1, 0xe9); // fault: "b\xe9se.qcow2" (Latin-1 é)
        DriverRun r = run(f);
        assertEquals(List.of(Qcow2Codes.BACKING_NAME_NOT_UTF8), r.codes(), r::toString);
        assertEquals("b\uFFFDse.qcow2", r.backing().orElseThrow().name());
    }

    @Test
    void backingNameEmptyTooLongAndOutOfBounds() throws Exception {
        Path f = create(dir, "bad.qcow2", "-b", "base.qcow2", "-F", "qcow2");
        putByte(f, getLong(f, 8), 0); // fault: name starts with NUL
        DriverRun r = run(f);
        assertTrue(r.has(Qcow2Codes.BACKING_NAME_EMPTY), r::toString);
        assertTrue(r.backing().isEmpty());
        putInt(f, 16, 2000); // fault: 2000-byte name
        assertEquals(List.of(Qcow2Codes.BACKING_NAME_TOO_LONG), run(f).codes());
        putInt(f, 16, 10);
        putLong(f, 8, 0x20000); // fault: name beyond the first cluster
        assertEquals(List.of(Qcow2Codes.BACKING_NAME_OUT_OF_BOUNDS), run(f).codes());
        putLong(f, 8, 0xfffa); // fault: name crosses the end of the first cluster
        assertEquals(List.of(Qcow2Codes.BACKING_NAME_OUT_OF_BOUNDS), run(f).codes());
    }

    @Test
    void backingFormatGarbage() throws Exception {
        Path f = create(dir, "garbage.qcow2", "-b", "base.qcow2", "-F", "qcow2");
        putByte(f, findExtension(f, HeaderExtensions.BACKING_FORMAT) + 8, 1); // fault: "\x01cow2"
        DriverRun r = run(f);
        assertEquals(List.of(Qcow2Codes.BACKING_FORMAT_INVALID), r.codes(), r::toString);
        assertNull(r.backing().orElseThrow().formatHint());
    }

    @Test
    void extensionOverrunningTheBackingName() throws Exception {
        Path f = create(dir, "overrun.qcow2", "-b", "base.qcow2", "-F", "qcow2");
        putInt(f, findExtension(f, HeaderExtensions.BACKING_FORMAT) + 4, 0x1000); // fault: 4096-byte extension
        DriverRun r = run(f);
        assertTrue(r.has(Qcow2Codes.EXTENSION_OVERRUN), r::toString);
        assertTrue(r.get(Qcow2Codes.EXTENSION_OVERRUN).message().contains("4096"));
        assertEquals(Severity.ERROR, r.get(Qcow2Codes.EXTENSION_OVERRUN).severity());
    }
}
