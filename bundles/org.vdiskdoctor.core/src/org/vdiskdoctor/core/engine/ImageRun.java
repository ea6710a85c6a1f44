// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.engine;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import org.vdiskdoctor.core.ChainLink;
import org.vdiskdoctor.core.CoreCodes;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.SubjectKind;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.Volume;
import org.vdiskdoctor.core.io.PathInspector;
import org.vdiskdoctor.core.io.PathInspector.Inspection;
import org.vdiskdoctor.core.io.PathPolicy;
import org.vdiskdoctor.core.spi.BackingAware;
import org.vdiskdoctor.core.spi.BackingReference;
import org.vdiskdoctor.core.spi.DiskProbe;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestDisk;
import org.vdiskdoctor.core.spi.GuestReader;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;
import org.vdiskdoctor.core.spi.VolumeLocator;
import org.vdiskdoctor.core.spi.VolumeProbe;

/** The diagnosis of one image subject: the top image, its probes and its backing chain. Used once. */
final class ImageRun {

    private final Path path;
    private final Inspection inspection;
    private final DiagnosisOptions options;
    private final PathPolicy policy;
    private final Monitor monitor;
    private final ImageOpener opener;
    private final List<DiskProbe> probes;
    private final List<Finding> findings = new ArrayList<>();
    private final List<ChainLink> chain = new ArrayList<>();
    private final FindingSink sink;
    private final Deque<ImageOpener.Opened> open = new ArrayDeque<>();

    private String format;
    private long virtualSize = -1;
    private long fileSize = -1;
    private StructureNode structure;
    private boolean toolFailure;
    private List<VolumeLocator> volumeLocators = List.of();
    private List<VolumeProbe> volumeProbes = List.of();
    private List<Volume> volumes = List.of();

    ImageRun(Path path, Inspection inspection, DiagnosisOptions options, PathPolicy policy, Monitor monitor,
            ImageOpener opener, List<DiskProbe> probes, UnaryOperator<Finding> severityDefaults) {
        this.path = path;
        this.inspection = inspection;
        this.options = options;
        this.policy = policy;
        this.monitor = monitor;
        this.opener = opener;
        this.probes = probes;
        this.sink = f -> {
            toolFailure |= FileFindings.isToolFailure(f);
            findings.add(severityDefaults.apply(f));
        };
    }

    void volumes(List<VolumeLocator> locators, List<VolumeProbe> probes) {
        this.volumeLocators = locators;
        this.volumeProbes = probes;
    }

    SubjectResult execute() {
        long t0 = System.nanoTime();
        try {
            run();
        } catch (Monitor.BudgetExceededException e) {
            sink.report(Finding.of(CoreCodes.ENGINE_BUDGET_EXCEEDED, path + ": " + e.getMessage()
                    + "; the results so far are incomplete").file(path).build());
        } catch (Monitor.CanceledException e) {
            throw e;
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            sink.report(Finding.of(CoreCodes.ENGINE_INTERNAL_ERROR, path + ": internal error: " + e).file(path)
                    .build());
        } finally {
            closeAll();
        }
        SubjectKind kind = inspection.kind().readable() ? SubjectKind.IMAGE : SubjectKind.OTHER;
        return new SubjectResult(path, kind, format, virtualSize, fileSize, chain, findings, structure, toolFailure,
                Duration.ofNanos(System.nanoTime() - t0), volumes);
    }

    private void run() {
        if (!inspection.kind().readable()) {
            sink.report(FileFindings.forKind(path, inspection));
            return;
        }
        Path real = inspection.realPath();
        ImageOpener.Opened top = openChecked(real);
        chain.add(new ChainLink(real, null, top == null ? null : top.image().format()));
        if (top == null) return;
        OpenedImage img = top.image();
        format = img.format();
        virtualSize = img.virtualSize();
        fileSize = top.source().size();
        readOnly(real);
        if (options.describe()) structure = guarded(real, img::describe);
        // the chain first: probes read guest data, which falls through to the parents attached here
        followChain(real, img);
        // With a parent missing, unreadable or looping, guest data cannot be read as the guest sees it: probes would
        // only echo the chain finding as I/O errors (or judge half a disk), so they do not run.
        if (!chain.get(chain.size() - 1).resolved()) return;
        for (DiskProbe p : probes) runProbe(real, img, p);
        scanVolumes(real, img);
    }

    /**
     * The image the user named (not its backing files, which are read-only by design) when no VM could open it
     * read-write: no write bit for anyone, or a read-only mount. Whether another user may write it is not asked:
     * the hypervisor's user is not known here.
     */
    private void readOnly(Path real) {
        try {
            if (!Files.isRegularFile(real) || !(Files.getAttribute(real, "unix:mode") instanceof Integer mode)) return;
            String reason = null;
            if ((mode & 0222) == 0) {
                reason = "it has no write permission for anyone (mode " + String.format("%04o", mode & 07777) + ")";
            } else if (!Files.isWritable(real)) { // cheap (access(2)); the mount table is read only then
                FileStore store = Files.getFileStore(real);
                if (store.isReadOnly()) reason = "it lies on a file system mounted read-only (" + store + ")";
            }
            if (reason == null) return;
            sink.report(Finding.of(CoreCodes.FILE_READ_ONLY, path + " is read-only: " + reason + ". A VM opens its own "
                    + "disk read-write and fails on it (VirtualBox VERR_VD_IMAGE_READ_ONLY, QEMU \"Permission denied\" "
                    + "or \"Read-only file system\"); right for a backing file, a template or an installation medium")
                    .file(path).build());
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            // not knowable on this file system: nothing to say
        }
    }

    /** Partitions and filesystems: only for formats that read guest data, and only when someone contributes them. */
    private void scanVolumes(Path real, OpenedImage img) {
        if (!(img instanceof GuestReader) || (volumeLocators.isEmpty() && volumeProbes.isEmpty())) return;
        VolumeScan scan = new VolumeScan(volumeLocators, volumeProbes, options.deepCheck(), real, sink,
                monitor);
        GuestDisk disk = new GuestDisk(img);
        if (structure != null) {
            List<StructureNode> tables = scan.describe(disk);
            if (!tables.isEmpty()) {
                List<StructureNode> children = new ArrayList<>(structure.children());
                children.add(new StructureNode("guest disk", disk.bytes() + " bytes", -1, 0, tables));
                structure = new StructureNode(structure.name(), structure.value(), structure.offset(),
                        structure.length(), children);
            }
        }
        volumes = scan.run(disk);
    }

    private void followChain(Path topReal, OpenedImage top) {
        Set<Path> seen = new HashSet<>();
        seen.add(topReal);
        Path childPath = topReal;
        OpenedImage child = top;
        int depth = 0;
        while (true) {
            monitor.checkpoint();
            Optional<BackingReference> ref = child.backing();
            if (ref.isEmpty()) {
                // a parent the driver searched for itself and did not find: the chain ends unresolved
                if (child instanceof GuestReader g) {
                    g.missingParent().ifPresent(name -> chain.add(new ChainLink(null, name, null)));
                }
                return;
            }
            BackingReference b = ref.get();
            if (depth >= options.maxChainDepth()) {
                report(CoreCodes.CHAIN_TOO_DEEP, childPath + " has a parent '" + b.name() + "' but the chain already has "
                        + depth + " parents (limit " + options.maxChainDepth() + ")", b);
                chain.add(new ChainLink(null, b.name(), null));
                return;
            }
            PathPolicy.Resolution r = policy.resolve(childPath, b.name());
            if (r instanceof PathPolicy.Invalid inv) {
                report(CoreCodes.CHAIN_BACKING_INVALID_NAME, childPath + ": backing file name '" + printable(b.name())
                        + "' is not a valid path: " + inv.reason(), b);
                chain.add(new ChainLink(null, b.name(), null));
                return;
            }
            if (r instanceof PathPolicy.Escapes esc) {
                report(CoreCodes.CHAIN_BACKING_ESCAPE, childPath + ": backing file '" + b.name() + "' resolves to "
                        + esc.path() + ", outside the allowed folders " + policy.allowedRoots(), b);
                chain.add(new ChainLink(null, b.name(), null));
                return;
            }
            PathPolicy.Inside in = (PathPolicy.Inside) r;
            if (!in.exists()) {
                report(CoreCodes.CHAIN_BACKING_MISSING, childPath + ": backing file '" + b.name() + "' does not exist (looked for "
                        + in.path() + ")", b);
                chain.add(new ChainLink(null, b.name(), null));
                return;
            }
            Path parent = in.path();
            if (!seen.add(parent)) {
                report(CoreCodes.CHAIN_CYCLE, childPath + ": backing file '" + b.name() + "' is " + parent
                        + ", which is already in the chain " + chainPaths(), b);
                chain.add(new ChainLink(parent, b.name(), null));
                return;
            }
            Inspection pin = PathInspector.inspect(parent);
            if (!pin.kind().readable()) {
                report(CoreCodes.CHAIN_BACKING_UNREADABLE, childPath + ": backing file '" + b.name() + "' ("
                        + parent + ") is not readable as a disk: " + pin.kind().name().toLowerCase(Locale.ROOT), b);
                chain.add(new ChainLink(parent, b.name(), null));
                return;
            }
            ImageOpener.Opened opened = openChecked(parent);
            if (opened == null) {
                report(CoreCodes.CHAIN_BACKING_UNREADABLE, childPath + ": backing file '" + b.name() + "' (" + parent
                        + ") could not be opened as a disk image (see the findings for that file)", b);
                chain.add(new ChainLink(parent, b.name(), null));
                return;
            }
            String actual = opened.image().format();
            if (b.formatHint() != null && !b.formatHint().equals(actual)) {
                report(CoreCodes.CHAIN_FORMAT_MISMATCH, childPath + " says its backing file '" + b.name() + "' is "
                        + b.formatHint() + ", but " + parent + " is " + actual, b);
            }
            checkLinkage(childPath, child, parent, opened.image(), b);
            chain.add(new ChainLink(parent, b.name(), actual));
            if (child instanceof BackingAware aware) aware.attachBacking(opened.image());
            depth++;
            childPath = parent;
            child = opened.image();
        }
    }

    /** Compares what the child says its parent must be with what the parent is. */
    private void checkLinkage(Path childPath, OpenedImage child, Path parent, OpenedImage p, BackingReference b) {
        Map<String, String> actualIds = p.linkIds();
        for (Map.Entry<String, String> e : new TreeMap<>(b.expectedParentIds()).entrySet()) {
            String actualId = actualIds.get(e.getKey());
            if (actualId != null && !actualId.equalsIgnoreCase(e.getValue())) {
                report(CoreCodes.CHAIN_PARENT_ID_MISMATCH, childPath + " expects its parent " + parent + " to have "
                        + e.getKey() + " " + e.getValue() + ", but the parent has " + actualId
                        + ": the parent was changed or replaced after the child was made", b);
            }
        }
        long cs = child.virtualSize();
        long ps = p.virtualSize();
        if (b.sizeMustMatch() && cs >= 0 && ps >= 0 && cs != ps) {
            report(CoreCodes.CHAIN_PARENT_SIZE_MISMATCH, childPath + " has a virtual size of " + cs + " bytes but its parent "
                    + parent + " has " + ps + " bytes; this format needs both to be equal", b);
        }
    }

    /** Runs one probe; a probe that fails is reported and the others (and the chain) still run. */
    private void runProbe(Path real, OpenedImage img, DiskProbe p) {
        monitor.checkpoint();
        try {
            if (!p.appliesTo(img)) return;
            guarded(real, () -> {
                p.run(img, sink, monitor);
                return null;
            });
        } catch (Monitor.CanceledException | Monitor.BudgetExceededException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            sink.report(Finding.of(CoreCodes.ENGINE_INTERNAL_ERROR, real + ": internal error in probe '" + safeId(p)
                    + "': " + e).file(real).build());
        }
    }

    private static String safeId(DiskProbe p) {
        try {
            return p.id();
        } catch (RuntimeException e) {
            return p.getClass().getName();
        }
    }

    /** Opens and checks one image of the chain; findings name that image. Null when it cannot be opened. */
    private ImageOpener.Opened openChecked(Path real) {
        return guarded(real, () -> {
            ImageOpener.Opened o = opener.open(real, sink, monitor);
            if (o == null) return null;
            open.push(o);
            try {
                o.image().check(sink, monitor, options.deepCheck());
            } catch (IOException e) {
                sink.report(FileFindings.forIo(real, e));
            }
            return o;
        });
    }

    private interface IoAction<T> {
        T run() throws IOException;
    }

    private <T> T guarded(Path file, IoAction<T> action) {
        try {
            return action.run();
        } catch (IOException e) {
            sink.report(FileFindings.forIo(file, e));
            return null;
        }
    }

    private void report(org.vdiskdoctor.core.FindingCode code, String message, BackingReference b) {
        Finding.Builder f = Finding.of(code, message);
        if (b.storedAt() != null) {
            f.at(b.storedAt().file(), b.storedAt().offset(), b.storedAt().length());
        }
        sink.report(f.build());
    }

    private List<Path> chainPaths() {
        return chain.stream().map(ChainLink::path).toList();
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c == 0x7f) b.append(String.format("\\x%02x", (int) c)); else b.append(c);
        }
        return b.toString();
    }

    private void closeAll() {
        while (!open.isEmpty()) {
            try {
                open.pop().close();
            } catch (IOException e) {
                // closing a read-only channel cannot lose data; nothing to report
            }
        }
    }
}
