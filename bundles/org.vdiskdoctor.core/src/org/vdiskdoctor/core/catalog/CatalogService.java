// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.BundleTracker;

/**
 * The finding catalog of every resolved bundle, read with {@code Bundle.getEntry} so no contributing bundle is
 * activated. Bundles that come and go update it. A delayed component: it reads the catalogs when the engine first needs
 * them, not while the framework starts (a command such as {@code --version} never pays for it).
 */
@Component(service = CatalogService.class)
public final class CatalogService {

    /** A bundle's catalog part: where it is, and its properties once read (null until a lookup needs them). */
    private static final class Source {
        final URL url;
        final String origin;
        volatile java.util.Properties properties;

        Source(URL url, String origin) {
            this.url = url;
            this.origin = origin;
        }
    }

    private final Map<Long, String> problems = new ConcurrentHashMap<>();
    private final Map<Long, Source> sources = new ConcurrentHashMap<>();
    private FindingCatalog catalog; // null: to be made on the next call of catalog()
    private BundleTracker<Bundle> tracker;

    @Activate
    void activate(BundleContext context) {
        int states = Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE;
        tracker = new BundleTracker<>(context, states, null) {
            @Override
            public Bundle addingBundle(Bundle bundle, BundleEvent event) {
                URL u = bundle.getEntry(FindingCatalog.RESOURCE);
                if (u == null) return null;
                sources.put(bundle.getBundleId(), new Source(u, bundle.getSymbolicName()));
                changed();
                return bundle;
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, Bundle object) {
                sources.remove(bundle.getBundleId());
                problems.remove(bundle.getBundleId());
                changed();
            }
        };
        tracker.open();
    }

    @Deactivate
    void deactivate() {
        tracker.close();
    }

    private synchronized void changed() {
        catalog = null;
    }

    /**
     * The catalog of the bundles resolved now. Lazy: a bundle's part is read, and a code's entry made, when a lookup
     * first needs it (a diagnosis that reports nothing reads no part).
     */
    public synchronized FindingCatalog catalog() {
        if (catalog == null) {
            java.util.List<Map.Entry<Long, Source>> now = new java.util.ArrayList<>(sources.entrySet());
            now.sort(Map.Entry.comparingByKey()); // bundle id order: the same answer every run
            catalog = FindingCatalog.lazy(() -> {
                java.util.List<FindingCatalog.Part> parts = new java.util.ArrayList<>();
                for (Map.Entry<Long, Source> e : now) {
                    java.util.Properties p = read(e.getKey(), e.getValue());
                    if (p != null) parts.add(new FindingCatalog.Part(p, e.getValue().origin));
                }
                return parts;
            });
        }
        return catalog;
    }

    private java.util.Properties read(long bundleId, Source s) {
        java.util.Properties p = s.properties;
        if (p != null) return p;
        synchronized (s) {
            if (s.properties != null) return s.properties;
            p = new java.util.Properties();
            try (InputStream in = s.url.openStream()) {
                p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            } catch (IOException e) {
                problems.put(bundleId, s.origin + ": " + e.getMessage());
                return null;
            }
            s.properties = p;
            return p;
        }
    }
}
