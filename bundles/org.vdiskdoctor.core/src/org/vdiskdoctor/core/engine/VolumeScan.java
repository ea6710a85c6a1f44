// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.vdiskdoctor.core.CoreCodes;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.Volume;
import org.vdiskdoctor.core.spi.DeepCheck;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestDisk;
import org.vdiskdoctor.core.spi.GuestVolume;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OutsideVolumeException;
import org.vdiskdoctor.core.spi.VolumeLocator;
import org.vdiskdoctor.core.spi.VolumeProbe;

/**
 * The guest disk's volumes: every partition the locators find, plus the whole disk, each offered to every volume
 * probe; with deep checks on, each locator's {@link VolumeLocator#deepCheck} runs on the whole disk. A locator or
 * probe that fails is reported and the others still run. Used once per image.
 */
final class VolumeScan {

    /** Partitions looked at per disk: an MBR chain or GPT array cannot make us run probes forever. */
    static final int MAX_VOLUMES = 256;

    private final List<VolumeLocator> locators;
    private final List<VolumeProbe> probes;
    private final FindingSink sink;
    private final Monitor monitor;
    private final Path file;
    private final DeepCheck deepCheck;

    VolumeScan(List<VolumeLocator> locators, List<VolumeProbe> probes, DeepCheck deepCheck, Path file,
            FindingSink sink, Monitor monitor) {
        this.locators = locators;
        this.deepCheck = deepCheck;
        this.probes = probes;
        this.file = file;
        this.sink = sink;
        this.monitor = monitor;
    }

    /** The volumes of {@code disk} (the whole disk first), each with the filesystem a probe recognised there. */
    List<Volume> run(GuestDisk disk) {
        List<Volume> found = new ArrayList<>();
        found.add(Volume.wholeDisk(disk.bytes()));
        Set<String> ranges = new HashSet<>();
        for (VolumeLocator l : locators) {
            monitor.checkpoint();
            List<Volume> vs = guarded("volume locator '" + id(l) + "'", () -> l.locate(disk, monitor));
            if (deepCheck.enabled()) {
                GuestVolume whole = new GuestVolume(disk, Volume.wholeDisk(disk.bytes()), deepCheck);
                guarded("volume locator '" + id(l) + "' deep check", () -> {
                    l.deepCheck(whole, sink, monitor);
                    return null;
                });
            }
            if (vs == null) continue;
            for (Volume v : vs) {
                // a hybrid MBR repeats GPT partitions: one volume per byte range
                if (found.size() < MAX_VOLUMES + 1 && ranges.add(v.offset() + "+" + v.length())) found.add(v);
            }
        }
        List<Volume> out = new ArrayList<>(found.size());
        for (Volume v : found) out.add(probe(new GuestVolume(disk, v, deepCheck)));
        return out;
    }

    /** The partition tables as structure nodes, for {@code inspect}. */
    List<StructureNode> describe(GuestDisk disk) {
        List<StructureNode> out = new ArrayList<>();
        for (VolumeLocator l : locators) {
            StructureNode n = guarded("volume locator '" + id(l) + "'", () -> l.describe(disk, monitor));
            if (n != null) out.add(n);
        }
        return out;
    }

    private Volume probe(GuestVolume gv) {
        Volume v = gv.volume();
        for (VolumeProbe p : probes) {
            monitor.checkpoint();
            String name = guarded("volume probe '" + id(p) + "' on " + v.label(), () -> p.recognise(gv));
            if (name == null) continue;
            Volume named = v.withFilesystem(name);
            GuestVolume target = new GuestVolume(gv.disk(), named, deepCheck);
            guarded("volume probe '" + id(p) + "' on " + v.label(), () -> {
                p.run(target, sink, monitor);
                return null;
            });
            return named;
        }
        return v;
    }

    private interface IoAction<T> {
        T run() throws IOException;
    }

    private <T> T guarded(String who, IoAction<T> action) {
        try {
            return action.run();
        } catch (Monitor.CanceledException | Monitor.BudgetExceededException e) {
            throw e;
        } catch (OutsideVolumeException e) {
            sink.report(Finding.of(CoreCodes.ENGINE_INTERNAL_ERROR, file + ": internal error in " + who + ": "
                    + e.getMessage()).file(file).build());
        } catch (IOException e) {
            sink.report(FileFindings.forIo(file, e));
        } catch (RuntimeException | StackOverflowError e) {
            sink.report(Finding.of(CoreCodes.ENGINE_INTERNAL_ERROR, file + ": internal error in " + who + ": " + e)
                    .file(file).build());
        }
        return null;
    }

    private static String id(VolumeLocator l) {
        try {
            return l.id();
        } catch (RuntimeException e) {
            return l.getClass().getName();
        }
    }

    private static String id(VolumeProbe p) {
        try {
            return p.id();
        } catch (RuntimeException e) {
            return p.getClass().getName();
        }
    }
}
