// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.engine;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.vdiskdoctor.core.catalog.CatalogService;
import org.vdiskdoctor.core.spi.DiskProbe;
import org.vdiskdoctor.core.spi.FolderProbe;
import org.vdiskdoctor.core.spi.FormatDriver;
import org.vdiskdoctor.core.spi.VolumeLocator;
import org.vdiskdoctor.core.spi.VolumeProbe;

/**
 * The engine as an OSGi service: gathers every contributed format driver and probe (dynamic, so bundles can come
 * and go) and hands out an engine over the current set.
 */
@Component(service = DiagnosisService.class)
public final class DiagnosisService {

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<FormatDriver> drivers;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<DiskProbe> diskProbes;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<FolderProbe> folderProbes;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<VolumeLocator> volumeLocators;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<VolumeProbe> volumeProbes;

    @Reference
    private CatalogService catalog;

    /** An engine over the drivers and probes installed right now. */
    public DiagnosisEngine engine() {
        return new DiagnosisEngine(orEmpty(drivers), orEmpty(diskProbes), orEmpty(folderProbes), catalog.catalog())
                .withVolumes(orEmpty(volumeLocators), orEmpty(volumeProbes));
    }

    private static <T> List<T> orEmpty(List<T> l) {
        return l == null ? List.of() : l;
    }
}
