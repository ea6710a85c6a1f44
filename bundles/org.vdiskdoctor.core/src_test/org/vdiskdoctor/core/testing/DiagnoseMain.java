// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.testing;

import java.nio.file.Path;
import java.util.List;

import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.engine.DiagnosisOptions;
import org.vdiskdoctor.core.io.PathInspector;
import org.vdiskdoctor.core.spi.Monitor;

/**
 * Test helper run in its own JVM (as another user, see {@link Fixtures#runAsNobody}): for each argument prints one
 * line {@code <path> uid=<uid> kind=<FileKind> codes=<code,...>}, the kind from {@link PathInspector} and the codes
 * from a diagnosis with the {@link FakeDriver#chain()} driver.
 */
public final class DiagnoseMain {

    private DiagnoseMain() {
    }

    public static void main(String[] args) throws Exception {
        String uid = java.nio.file.Files.getAttribute(Path.of("/proc/self"), "unix:uid").toString();
        for (String a : args) {
            Path p = Path.of(a);
            SubjectResult r = Fixtures.engine(FakeDriver.chain())
                    .diagnose(List.of(p), DiagnosisOptions.defaults(), Monitor.NONE).subjects().get(0);
            System.out.println(a + " uid=" + uid + " kind=" + PathInspector.inspect(p).kind() + " codes="
                    + String.join(",", Fixtures.codes(r)));
        }
    }
}
