// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Hashtable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.spi.DiskProbe;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestVolume;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;
import org.vdiskdoctor.core.spi.VolumeProbe;

/**
 * Probes the tests register as OSGi services for the length of one test; the engine's dynamic references pick them
 * up as they would a filesystem bundle. Their code is a test code, in no catalog.
 */
final class TestProbes {

    /** What {@link #markedVolumes()} reports for a volume whose first bytes are {@link #MARK}. */
    static final FindingCode MARKED = FindingCode.of("test.volume.marked");
    /** The magic a marked volume starts with. */
    static final byte[] MARK = "TESTMARK".getBytes(StandardCharsets.US_ASCII);

    private TestProbes() {
    }

    private static BundleContext bc() {
        return FrameworkUtil.getBundle(TestProbes.class).getBundleContext();
    }

    /** A volume probe that names "testfs" each volume starting with {@link #MARK} and reports one warning there. */
    static ServiceRegistration<VolumeProbe> markedVolumes() {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(VolumeProbe.ID_PROPERTY, "testfs");
        return bc().registerService(VolumeProbe.class, new VolumeProbe() {
            @Override
            public String id() {
                return "testfs";
            }

            @Override
            public String recognise(GuestVolume v) throws IOException {
                if (v.size() < MARK.length) return null;
                byte[] b = new byte[MARK.length];
                v.read(0, MARK.length).get(b);
                return java.util.Arrays.equals(b, MARK) ? "testfs" : null;
            }

            @Override
            public void run(GuestVolume v, FindingSink sink, Monitor monitor) {
                sink.report(v.finding(MARKED, "marked by the test", 0, MARK.length));
            }
        }, props);
    }

    /**
     * A disk probe on images whose name starts with "slow": it counts {@code entered} down, then waits on the monitor
     * (as a long scan of a big image does between its reads) until the job is cancelled, at most 60 s.
     */
    static ServiceRegistration<DiskProbe> slowImages(CountDownLatch entered) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(DiskProbe.ID_PROPERTY, "test.slow");
        return bc().registerService(DiskProbe.class, new DiskProbe() {
            @Override
            public String id() {
                return "test.slow";
            }

            @Override
            public boolean appliesTo(OpenedImage image) {
                return image.source().path().getFileName().toString().startsWith("slow");
            }

            @Override
            public void run(OpenedImage image, FindingSink sink, Monitor monitor) {
                entered.countDown();
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (System.nanoTime() < end) {
                    monitor.checkpoint();
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }, props);
    }
}
