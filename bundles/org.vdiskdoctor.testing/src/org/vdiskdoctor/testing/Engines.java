// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.catalog.FindingCatalog;
import org.vdiskdoctor.core.engine.DiagnosisEngine;
import org.vdiskdoctor.core.engine.DiagnosisOptions;
import org.vdiskdoctor.core.spi.DeepCheck;
import org.vdiskdoctor.core.spi.FormatDriver;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.VolumeLocator;
import org.vdiskdoctor.core.spi.VolumeProbe;

/**
 * The diagnosis engine as the product wires it for a disk: the raw and QCOW2 drivers and the GPT and MBR locators,
 * with the volume probes under test. The testing bundle lists those bundles in its users' {@code additional.bundles},
 * never in their manifests, and makes their components by class name, as DS would.
 */
public final class Engines {

    /** The bundles whose components {@link #withVolumeProbes} uses, and whose catalogs it needs. */
    public static final List<String> DISK_BUNDLES = List.of("org.vdiskdoctor.core", "org.vdiskdoctor.format.raw",
            "org.vdiskdoctor.format.qcow2", "org.vdiskdoctor.layout.gpt", "org.vdiskdoctor.layout.mbr");

    private Engines() {
    }

    /** The catalog of {@link #DISK_BUNDLES} and {@code more} (the bundle under test). */
    public static FindingCatalog diskCatalog(String... more) throws IOException {
        List<String> all = new ArrayList<>(DISK_BUNDLES);
        all.addAll(List.of(more));
        return Repo.catalog(all);
    }

    /** Raw and QCOW2 drivers, GPT and MBR locators, {@code probes}; the catalog of those and {@code bundle}. */
    public static DiagnosisEngine withVolumeProbes(String bundle, List<VolumeProbe> probes) throws IOException {
        List<FormatDriver> drivers = List.of(component(FormatDriver.class, "org.vdiskdoctor.format.raw.internal.RawDriver"),
                component(FormatDriver.class, "org.vdiskdoctor.format.qcow2.internal.Qcow2Driver"));
        List<VolumeLocator> locators = List.of(
                component(VolumeLocator.class, "org.vdiskdoctor.layout.gpt.internal.GptVolumeLocator"),
                component(VolumeLocator.class, "org.vdiskdoctor.layout.mbr.internal.MbrVolumeLocator"));
        return new DiagnosisEngine(drivers, List.of(), List.of(), diskCatalog(bundle)).withVolumes(locators, probes);
    }

    /** Diagnoses {@code image} with {@link #withVolumeProbes} and {@code probe}, deep checks as {@code deep} says. */
    public static SubjectResult diagnose(Path image, String bundle, VolumeProbe probe, DeepCheck deep)
            throws IOException {
        return withVolumeProbes(bundle, List.of(probe))
                .diagnoseImage(image, DiagnosisOptions.defaults().withDeepCheck(deep), Monitor.NONE);
    }

    /**
     * A DS component of another bundle, made by class name: those bundles export their implementation packages to
     * nobody (or x-internal), so the compiler's access rules forbid naming them; the test class path has them.
     */
    public static <T> T component(Class<T> service, String className) {
        try {
            return service.cast(Class.forName(className).getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(className + " is not on the test class path", e);
        }
    }
}
