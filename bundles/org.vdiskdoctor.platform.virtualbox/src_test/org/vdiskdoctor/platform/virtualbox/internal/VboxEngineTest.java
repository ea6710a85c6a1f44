// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.platform.virtualbox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.DiagnosisResult;
import org.vdiskdoctor.core.SubjectKind;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.engine.DiagnosisEngine;
import org.vdiskdoctor.core.engine.DiagnosisOptions;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.format.vdi.internal.VdiDriver;
import org.vdiskdoctor.platform.virtualbox.VirtualBoxCodes;

/** The probe inside the core engine: diagnosing a VM folder reports the registry mismatch as a folder finding. */
class VboxEngineTest {

    @TempDir
    Path dir;

    @Test
    void folderDiagnosisReportsTheMismatch() throws Exception {
        VboxFixture.vdi(dir, "vm.vdi");
        VboxFixture.vbox(dir, "vm.vbox", "99999999-0506-0708-090a-0b0c0d0e0f10", "vm.vdi"); // fault: other UUID
        DiagnosisEngine engine = new DiagnosisEngine(List.of(new VdiDriver()), List.of(),
                List.of(new VboxRegistryProbe()), VboxFixture.catalog());
        DiagnosisResult r = engine.diagnose(List.of(dir), DiagnosisOptions.defaults(), Monitor.NONE);
        SubjectResult folder = r.subjects().stream().filter(s -> s.kind() == SubjectKind.VM_FOLDER).findFirst()
                .orElseThrow(() -> new AssertionError("no folder subject: " + r.subjects()));
        assertTrue(folder.has(VirtualBoxCodes.REGISTRY_UUID_MISMATCH), folder.findings()::toString);
        SubjectResult image = r.subjects().stream().filter(s -> "vdi".equals(s.format())).findFirst().orElseThrow();
        assertEquals(List.of(), image.findings());
    }
}
