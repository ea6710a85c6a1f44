// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.engine;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

import org.vdiskdoctor.core.CoreCodes;
import org.vdiskdoctor.core.DiagnosisResult;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.core.SubjectKind;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.catalog.FindingCatalog;
import org.vdiskdoctor.core.io.FileKind;
import org.vdiskdoctor.core.io.PathInspector;
import org.vdiskdoctor.core.io.PathInspector.Inspection;
import org.vdiskdoctor.core.io.PathPolicy;
import org.vdiskdoctor.core.spi.DiskProbe;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.FolderProbe;
import org.vdiskdoctor.core.spi.FormatDriver;
import org.vdiskdoctor.core.spi.VolumeLocator;
import org.vdiskdoctor.core.spi.VolumeProbe;
import org.vdiskdoctor.core.spi.Monitor;

/**
 * Runs a diagnosis: classifies each input without opening it, detects the format by score, opens read-only, runs
 * the format's check and every applicable probe, follows backing chains inside the allowed folders, and streams one
 * {@link SubjectResult} per subject. The CLI and the UI both drive this class (in OSGi through
 * {@link DiagnosisService}).
 */
public final class DiagnosisEngine {

    /** File name endings that make a folder entry a disk candidate even when only the raw driver matches. */
    private static final Set<String> IMAGE_SUFFIXES = Set.of("qcow2", "qcow", "img", "raw", "vmdk", "vhd", "vhdx",
            "avhdx", "vdi", "qed", "hdd");

    private final List<FormatDriver> drivers;
    private final List<DiskProbe> diskProbes;
    private final List<FolderProbe> folderProbes;
    private final FindingCatalog catalog;
    private final List<VolumeLocator> volumeLocators;
    private final List<VolumeProbe> volumeProbes;

    public DiagnosisEngine(List<FormatDriver> drivers, List<DiskProbe> diskProbes, List<FolderProbe> folderProbes,
            FindingCatalog catalog) {
        this(drivers, diskProbes, folderProbes, catalog, List.of(), List.of());
    }

    private DiagnosisEngine(List<FormatDriver> drivers, List<DiskProbe> diskProbes, List<FolderProbe> folderProbes,
            FindingCatalog catalog, List<VolumeLocator> volumeLocators, List<VolumeProbe> volumeProbes) {
        this.drivers = List.copyOf(drivers);
        this.diskProbes = List.copyOf(diskProbes);
        this.folderProbes = List.copyOf(folderProbes);
        this.catalog = catalog;
        this.volumeLocators = sorted(volumeLocators, VolumeLocator::id);
        this.volumeProbes = sorted(volumeProbes, VolumeProbe::id);
    }

    /**
     * This engine with partition-table locators and volume probes: every image's guest disk is then split into
     * volumes (the whole disk and each partition found), and each volume offered to every volume probe.
     */
    public DiagnosisEngine withVolumes(List<VolumeLocator> locators, List<VolumeProbe> probes) {
        return new DiagnosisEngine(drivers, diskProbes, folderProbes, catalog, locators, probes);
    }

    /** Service order is arbitrary; a fixed order (by id) keeps results and hybrid-MBR de-duplication repeatable. */
    private static <T> List<T> sorted(List<T> list, java.util.function.Function<T, String> id) {
        List<T> copy = new ArrayList<>(list);
        copy.sort(java.util.Comparator.comparing(t -> {
            try {
                return id.apply(t);
            } catch (RuntimeException e) {
                return t.getClass().getName();
            }
        }));
        return List.copyOf(copy);
    }

    public FindingCatalog catalog() {
        return catalog;
    }

    public List<FormatDriver> drivers() {
        return drivers;
    }

    /** Diagnoses every input and collects the results. */
    public DiagnosisResult diagnose(List<Path> inputs, DiagnosisOptions options, Monitor monitor) {
        List<SubjectResult> out = new ArrayList<>();
        diagnose(inputs, options, monitor, out::add);
        return new DiagnosisResult(out);
    }

    /**
     * Diagnoses every input, handing each subject's result to {@code results} as soon as it is complete.
     *
     * @throws Monitor.CanceledException when {@code monitor} is cancelled
     */
    public void diagnose(List<Path> inputs, DiagnosisOptions options, Monitor monitor,
            Consumer<SubjectResult> results) {
        PathPolicy policy = policyFor(inputs, options);
        for (Path input : inputs) {
            if (monitor.isCanceled()) throw new Monitor.CanceledException();
            Inspection in = PathInspector.inspect(input);
            if (in.kind() == FileKind.DIRECTORY) {
                scanFolder(input, true, options, policy, monitor, results, new LinkedHashSet<>());
            } else {
                results.accept(diagnoseImage(input, in, options, policy, monitor));
            }
        }
    }

    /** The folders stored names may point into: those the inputs name, plus the extra ones. */
    static PathPolicy policyFor(List<Path> inputs, DiagnosisOptions options) {
        List<Path> roots = new ArrayList<>(options.extraAllowedFolders());
        for (Path input : inputs) {
            Inspection in = PathInspector.inspect(input);
            Path base = in.realPath() != null ? in.realPath() : input.toAbsolutePath().normalize();
            if (in.kind() == FileKind.DIRECTORY) {
                roots.add(base);
            } else if (base.getParent() != null) {
                roots.add(base.getParent());
            }
        }
        return PathPolicy.within(roots, options.allowOutside());
    }

    /**
     * Diagnoses the disk candidates in {@code folder} (and, when recursive, its sub-folders), then the folder
     * itself. Returns how many images the tree held; a top folder with none gets {@code core.folder.no-images}.
     */
    private int scanFolder(Path folder, boolean top, DiagnosisOptions options, PathPolicy policy, Monitor monitor,
            Consumer<SubjectResult> results, Set<Path> visited) {
        long t0 = System.nanoTime();
        Inspection self = PathInspector.inspect(folder);
        if (self.realPath() == null || !visited.add(self.realPath())) return 0;
        List<Finding> folderFindings = new ArrayList<>();
        boolean[] toolFailure = { false };
        FindingSink sink = f -> {
            toolFailure[0] |= FileFindings.isToolFailure(f);
            folderFindings.add(withDefaultSeverity(f));
        };
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
            ds.forEach(entries::add);
        } catch (IOException e) {
            sink.report(FileFindings.forIo(folder, e));
        }
        entries.sort(null);
        int images = 0;
        for (Path entry : entries) {
            if (monitor.isCanceled()) throw new Monitor.CanceledException();
            if (Files.isSymbolicLink(entry) && Files.isDirectory(entry)) continue; // never walk into linked trees
            Inspection in = PathInspector.inspect(entry);
            if (in.kind() == FileKind.DIRECTORY) {
                if (options.recursive()) images += scanFolder(entry, false, options, policy, monitor, results, visited);
            } else if (isDiskCandidate(entry, in)) {
                images++;
                results.accept(diagnoseImage(entry, in, options, policy, monitor));
            }
        }
        for (FolderProbe p : folderProbes) runFolderProbe(folder, p, options, policy, monitor, sink);
        if (images == 0 && top) {
            sink.report(Finding.of(CoreCodes.FOLDER_NO_IMAGES, "no file in " + folder
                    + (options.recursive() ? " or its sub-folders" : "")
                    + " is a disk image that an installed format driver recognises").file(folder).build());
        }
        if (!folderFindings.isEmpty()) {
            results.accept(new SubjectResult(folder, SubjectKind.VM_FOLDER, null, -1, -1, List.of(),
                    folderFindings, null, toolFailure[0], Duration.ofNanos(System.nanoTime() - t0)));
        }
        return images;
    }

    /** Runs one folder probe, isolated like a format driver: its failure is this folder's finding, not the run's. */
    private static void runFolderProbe(Path folder, FolderProbe p, DiagnosisOptions options, PathPolicy policy,
            Monitor monitor, FindingSink sink) {
        try {
            if (!p.appliesTo(folder)) return;
            p.run(folder, policy, sink, new BudgetMonitor(monitor, options.budgetPerFile()));
        } catch (IOException e) {
            sink.report(FileFindings.forIo(folder, e));
        } catch (Monitor.BudgetExceededException e) {
            sink.report(Finding.of(CoreCodes.ENGINE_BUDGET_EXCEEDED, folder + ": folder check '" + probeName(p) + "': "
                    + e.getMessage() + "; the results so far are incomplete").file(folder).build());
        } catch (Monitor.CanceledException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            sink.report(Finding.of(CoreCodes.ENGINE_INTERNAL_ERROR, folder + ": internal error in folder check '"
                    + probeName(p) + "': " + e).file(folder).build());
        }
    }

    private boolean isDiskCandidate(Path entry, Inspection in) {
        String name = entry.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot > 0 && IMAGE_SUFFIXES.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))) return true;
        if (!in.kind().readable()) return false;
        return ImageOpener.bestScore(drivers, in.realPath()) > FormatDriver.SCORE_RAW;
    }

    /** Diagnoses one image (or a path that turns out not to be one) with its backing chain. */
    public SubjectResult diagnoseImage(Path path, DiagnosisOptions options, Monitor monitor) {
        return diagnoseImage(path, PathInspector.inspect(path), options, policyFor(List.of(path), options), monitor);
    }

    private SubjectResult diagnoseImage(Path path, Inspection in, DiagnosisOptions options, PathPolicy policy,
            Monitor monitor) {
        monitor.begin("diagnosing " + path, -1);
        ImageRun run = new ImageRun(path, in, options, policy, new BudgetMonitor(monitor, options.budgetPerFile()),
                new ImageOpener(drivers), diskProbes, this::withDefaultSeverity);
        run.volumes(volumeLocators, volumeProbes);
        return run.execute();
    }

    Finding withDefaultSeverity(Finding f) {
        Severity s = f.severity();
        return s != null ? f : f.withSeverity(catalog.defaultSeverity(f.code()));
    }

    private static String probeName(FolderProbe p) {
        try {
            return p.id();
        } catch (RuntimeException e) {
            return p.getClass().getName();
        }
    }
}
