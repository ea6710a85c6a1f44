// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.BackingReference;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;
import org.vdiskdoctor.format.qcow2.Qcow2Codes;

/**
 * A QCOW2 image opened at header level: the fixed header, its extensions, the backing file name and where the
 * top-level tables lie. Everything is parsed (bounds first) when the image is opened; {@link #check} reports what
 * parsing found, then runs the {@link ConsistencyCheck} of refcounts and tables when the header locates them.
 * Never writes, never asks for an encryption key. When the guest content can be read, {@link #open} returns the
 * subclass {@link Qcow2GuestImage}, which is a {@link org.vdiskdoctor.core.spi.GuestReader}; an encrypted or damaged
 * image is a plain {@code Qcow2Image}, so probes that need guest data skip it.
 */
sealed class Qcow2Image implements OpenedImage permits Qcow2GuestImage {

    private final ImageSource source;
    private final Qcow2Header header;
    private final boolean interpretable;
    private final HeaderExtensions extensions;
    private final BackingFile.Parsed backing;
    private final List<Finding> findings;

    Qcow2Image(ImageSource source, Qcow2Header header, boolean interpretable, HeaderExtensions extensions,
            BackingFile.Parsed backing, List<Finding> findings) {
        this.source = source;
        this.header = header;
        this.interpretable = interpretable;
        this.extensions = extensions;
        this.backing = backing;
        this.findings = findings;
    }

    /**
     * Parses the header of {@code source}. Structural problems become findings; only an I/O error of the file
     * itself throws. Every read is bounded by the file size first.
     */
    static Qcow2Image open(ImageSource source) throws IOException {
        Problems p = new Problems(source.path());
        Qcow2Header h = Qcow2Header.read(source);
        boolean ok = HeaderChecks.check(h, p);
        HeaderExtensions ext = HeaderExtensions.none();
        BackingFile.Parsed backing = null;
        if (ok) {
            if (h.clusterBitsValid() && h.headerLengthValid()) {
                long offset = h.backingFileOffset();
                boolean byName = offset != 0 && Long.compareUnsigned(offset, h.clusterSize()) <= 0;
                long end = byName ? offset : h.clusterSize();
                String endWhat = byName ? "where the backing file name starts" : "the end of the first cluster";
                ext = HeaderExtensions.read(source, h.headerLength(), end, endWhat,
                        MetadataTables.headerClusterCut(h), p);
            }
            FeatureBits.check(h, ext, p);
            Encryption.check(h, ext, source, p);
            if (h.clusterBitsValid()) backing = BackingFile.read(h, ext, source, p);
            ExternalDataFile.check(h, ext, p);
            if (h.clusterBitsValid()) MetadataTables.check(h, source, p);
        }
        if (ok && GuestAccess.mappable(h, source)) {
            if (h.cryptMethod() != Encryption.NONE) {
                p.add(Qcow2Codes.GUEST_ENCRYPTED, Qcow2Header.OFF_CRYPT_METHOD, 4, "the image is encrypted ("
                        + Encryption.methodName(h.cryptMethod()) + "): guest content cannot be read without the key,"
                        + " so no partition or filesystem check runs on it");
            } else {
                ImageSource data = ExternalDataFile.enabled(h) ? DataFileResolver.open(ext, source, p) : source;
                if (data != null) {
                    GuestReads reads = new GuestReads(h, source, data, backing == null ? null : backing.name());
                    return new Qcow2GuestImage(source, h, ext, backing, p.findings(), reads);
                }
            }
        }
        return new Qcow2Image(source, h, ok, ext, backing, p.findings());
    }

    @Override
    public String format() {
        return Qcow2Driver.ID;
    }

    @Override
    public ImageSource source() {
        return source;
    }

    @Override
    public long virtualSize() {
        return interpretable && !HeaderChecks.sizeTooLarge(header) ? header.size() : -1;
    }

    @Override
    public void check(FindingSink sink, Monitor monitor) throws IOException {
        for (Finding f : findings) {
            monitor.checkpoint();
            sink.report(f);
        }
        if (!interpretable || !ConsistencyCheck.checkable(header, source)) return;
        Problems p = new Problems(source.path());
        ConsistencyCheck.run(header, extensions, source, p, monitor);
        for (Finding f : p.findings()) sink.report(f);
    }

    @Override
    public StructureNode describe() throws IOException {
        return Qcow2Structure.describe(this);
    }

    @Override
    public Optional<BackingReference> backing() {
        return backing == null ? Optional.empty() : Optional.of(BackingFile.reference(backing, source));
    }

    Qcow2Header header() {
        return header;
    }

    /** False when the file is too short or its version unknown: only magic and version mean anything. */
    boolean interpretable() {
        return interpretable;
    }

    HeaderExtensions extensions() {
        return extensions;
    }

    BackingFile.Parsed parsedBacking() {
        return backing;
    }
}
