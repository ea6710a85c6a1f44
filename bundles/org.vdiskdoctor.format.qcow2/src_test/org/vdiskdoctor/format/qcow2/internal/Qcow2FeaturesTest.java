// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.create;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.findExtension;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.orLong;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.putByte;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.putInt;
import static org.vdiskdoctor.format.qcow2.internal.Qcow2Fixture.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.format.qcow2.Qcow2Codes;
import org.vdiskdoctor.testing.DriverRun;
import org.vdiskdoctor.testing.GuestReads.Opened;

/** Feature bits, encryption, compression type and external data files, on images qemu-img made that way. */
class Qcow2FeaturesTest {

    private static final long INCOMPATIBLE = 72;
    private static final long AUTOCLEAR = 88;

    @TempDir
    Path dir;

    @Test
    void dirtyWithLazyRefcountsIsInfo() throws Exception {
        Path f = create(dir, "lazy.qcow2", "-o", "lazy_refcounts=on");
        orLong(f, INCOMPATIBLE, 1); // fault: dirty bit, as a VM killed mid-write leaves it
        DriverRun r = run(f);
        assertEquals(List.of(Qcow2Codes.FEATURE_DIRTY_LAZY_REFCOUNTS), r.codes(), r::toString);
        assertEquals(Severity.INFO, r.get(Qcow2Codes.FEATURE_DIRTY_LAZY_REFCOUNTS).severity());
        assertTrue(r.get(Qcow2Codes.FEATURE_DIRTY_LAZY_REFCOUNTS).message().contains("expected stale"));
        assertEquals(List.of(), r.atLeast(Severity.WARNING));
    }

    @Test
    void dirtyWithoutLazyRefcountsIsWarning() throws Exception {
        Path f = create(dir, "dirty.qcow2");
        orLong(f, INCOMPATIBLE, 1); // fault: dirty bit without lazy refcounts
        DriverRun r = run(f);
        assertEquals(List.of(Qcow2Codes.FEATURE_DIRTY), r.codes(), r::toString);
        assertEquals(Severity.WARNING, r.get(Qcow2Codes.FEATURE_DIRTY).severity());
    }

    @Test
    void corruptBitIsError() throws Exception {
        Path f = create(dir, "corrupt.qcow2");
        orLong(f, INCOMPATIBLE, 2); // fault: corrupt bit
        DriverRun r = run(f);
        assertEquals(List.of(Qcow2Codes.FEATURE_CORRUPT), r.codes(), r::toString);
        assertEquals(Severity.ERROR, r.get(Qcow2Codes.FEATURE_CORRUPT).severity());
        assertTrue(r.get(Qcow2Codes.FEATURE_CORRUPT).message()
                .contains("qcow2: Image is corrupt; cannot be opened read/write"));
        assertEquals("corrupt", r.structure().find("header", "incompatible_features", "bit 1").value());
    }

    @Test
    void unknownIncompatibleBitIsErrorAndNamedFromTheImagesTable() throws Exception {
        Path f = create(dir, "unknown.qcow2");
        orLong(f, INCOMPATIBLE, 1L << 9); // fault: incompatible bit 9
        long table = findExtension(f, HeaderExtensions.FEATURE_NAME_TABLE);
        putByte(f, table + 8 + 1, 9); // the table's first entry (incompatible bit 0, "dirty bit") now names bit 9
        DriverRun r = run(f);
        assertEquals(List.of(Qcow2Codes.FEATURE_UNKNOWN_INCOMPATIBLE), r.codes(), r::toString);
        String m = r.get(Qcow2Codes.FEATURE_UNKNOWN_INCOMPATIBLE).message();
        assertTrue(m.contains("0x200") && m.contains("bit 9 ('dirty bit'"), m);
        assertEquals(Severity.ERROR, r.get(Qcow2Codes.FEATURE_UNKNOWN_INCOMPATIBLE).severity());
    }

    @Test
    void unknownAutoclearAndCompatibleBitsAreInfo() throws Exception {
        Path f = create(dir, "autoclear.qcow2");
        orLong(f, AUTOCLEAR, 1L << 5); // fault: autoclear bit 5
        orLong(f, 80, 1L << 3); // fault: compatible bit 3
        DriverRun r = run(f);
        assertEquals(List.of(Qcow2Codes.FEATURE_UNKNOWN_COMPATIBLE, Qcow2Codes.FEATURE_UNKNOWN_AUTOCLEAR), r.codes(),
                r::toString);
        assertEquals(List.of(), r.atLeast(Severity.WARNING));
    }

    @Test
    void zstdCompressionIsInfo() throws Exception {
        DriverRun r = run(create(dir, "zstd.qcow2", "-o", "compression_type=zstd"));
        assertEquals(List.of(Qcow2Codes.FEATURE_ZSTD), r.codes(), r::toString);
        assertEquals("1 (zstd)", r.structure().find("header", "compression_type").value());
    }

    @Test
    void invalidCompressionTypes() throws Exception {
        Path f = create(dir, "ct.qcow2");
        putByte(f, 104, 5); // fault: compression type 5
        assertEquals(List.of(Qcow2Codes.FEATURE_COMPRESSION_TYPE_INVALID), run(f).codes());
        putByte(f, 104, 1); // fault: zstd without incompatible bit 3
        assertEquals(List.of(Qcow2Codes.FEATURE_COMPRESSION_TYPE_INVALID), run(f).codes());
        putByte(f, 104, 0);
        orLong(f, INCOMPATIBLE, 8); // fault: bit 3 with zlib
        assertEquals(List.of(Qcow2Codes.FEATURE_COMPRESSION_TYPE_INVALID), run(f).codes());
    }

    @Test
    void extendedL2IsInfo() throws Exception {
        DriverRun r = run(create(dir, "extl2.qcow2", "-o", "extended_l2=on"));
        assertEquals(List.of(Qcow2Codes.FEATURE_EXTENDED_L2), r.codes(), r::toString);
        assertEquals(List.of(), r.atLeast(Severity.WARNING));
    }

    /** One LUKS image for the class: qemu-img spends seconds on key derivation even with a short iter-time. */
    private static Path luks;

    @BeforeAll
    static void createLuksImage(@TempDir Path shared) throws Exception {
        luks = Qcow2Fixture.createLuks(shared, "luks.qcow2", "1M", "");
    }

    @Test
    void luksEncryptedIsInfoAndNamesTheKey() throws Exception {
        DriverRun r = run(luks);
        // encrypted: no guest reads, and a finding says why partition and filesystem checks do not run
        assertEquals(List.of(Qcow2Codes.CRYPT_LUKS, Qcow2Codes.GUEST_ENCRYPTED), r.codes(), r::toString);
        try (Opened o = GuestFixture.open(luks)) {
            Qcow2GuestReadTest.assertNotGuestReader(o);
        }
        assertTrue(r.get(Qcow2Codes.CRYPT_LUKS).message()
                .contains("encrypted; guest content cannot be checked without the key"));
        assertEquals("LUKS", r.structure().find("encryption").value());
        assertEquals("0x40000", r.structure().find("header extensions", "full disk encryption header",
                "luks_header_offset").value());
    }

    @Test
    void luksWithoutItsHeaderExtension() throws Exception {
        Path f = Files.copy(luks, dir.resolve("luks2.qcow2"));
        long fde = findExtension(f, HeaderExtensions.FULL_DISK_ENCRYPTION);
        putInt(f, fde, 0x12345678); // fault: the FDE extension becomes an unknown one
        DriverRun r = run(f);
        assertTrue(r.has(Qcow2Codes.CRYPT_LUKS_HEADER_MISSING), r::toString);
        assertTrue(r.has(Qcow2Codes.EXTENSION_UNKNOWN), r::toString);
    }

    @Test
    void luksHeaderUnalignedOrPastEof() throws Exception {
        Path f = Files.copy(luks, dir.resolve("luks3.qcow2"));
        long data = findExtension(f, HeaderExtensions.FULL_DISK_ENCRYPTION) + 8;
        Qcow2Fixture.putLong(f, data, 0x40200); // fault: LUKS header not cluster-aligned
        assertEquals(List.of(Qcow2Codes.CRYPT_LUKS, Qcow2Codes.CRYPT_LUKS_HEADER_INVALID,
                Qcow2Codes.GUEST_ENCRYPTED), run(f).codes());
        Qcow2Fixture.putLong(f, data, 1L << 40); // fault: LUKS header 1 TiB into a 2 MiB file
        DriverRun r = run(f);
        assertEquals(List.of(Qcow2Codes.CRYPT_LUKS, Qcow2Codes.CRYPT_LUKS_HEADER_INVALID,
                Qcow2Codes.GUEST_ENCRYPTED), r.codes(), r::toString);
        assertEquals(Severity.ERROR, r.get(Qcow2Codes.CRYPT_LUKS_HEADER_INVALID).severity());
    }

    @Test
    void legacyAesIsWarning() throws Exception {
        DriverRun r = run(create(dir, "aes.qcow2", "--object", "secret,id=s0,data=pw", "-o",
                "encrypt.format=aes,encrypt.key-secret=s0"));
        assertEquals(List.of(Qcow2Codes.CRYPT_AES, Qcow2Codes.GUEST_ENCRYPTED), r.codes(), r::toString);
        assertEquals(Severity.WARNING, r.get(Qcow2Codes.CRYPT_AES).severity());
    }

    @Test
    void unknownCryptMethod() throws Exception {
        Path f = create(dir, "crypt.qcow2");
        putInt(f, 32, 3); // fault: crypt_method 3
        assertEquals(List.of(Qcow2Codes.CRYPT_UNKNOWN_METHOD, Qcow2Codes.GUEST_ENCRYPTED), run(f).codes());
    }

    @Test
    void externalDataFileIsReportedByName() throws Exception {
        DriverRun r = run(create(dir, "ext.qcow2", "-o", "data_file=x.raw"));
        assertEquals(List.of(Qcow2Codes.DATA_FILE_EXTERNAL), r.codes(), r::toString);
        assertTrue(r.get(Qcow2Codes.DATA_FILE_EXTERNAL).message().contains("'x.raw'"));
        assertEquals("x.raw", r.structure().find("external data file").value());
    }

    @Test
    void externalDataFileBitWithoutName() throws Exception {
        Path f = create(dir, "ext2.qcow2", "-o", "data_file=y.raw");
        putInt(f, findExtension(f, HeaderExtensions.EXTERNAL_DATA_FILE), 0); // fault: name extension gone
        DriverRun r = run(f);
        assertEquals(List.of(Qcow2Codes.DATA_FILE_NAME_MISSING), r.codes(), r::toString);
        assertEquals(Severity.ERROR, r.get(Qcow2Codes.DATA_FILE_NAME_MISSING).severity());
    }

    @Test
    void rawExternalDataBitWithoutDataFile() throws Exception {
        Path f = create(dir, "raw.qcow2");
        orLong(f, AUTOCLEAR, 2); // fault: data-file-raw without a data file
        assertEquals(List.of(Qcow2Codes.DATA_FILE_RAW_WITHOUT_FILE), run(f).codes());
    }
}
