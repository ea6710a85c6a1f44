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

    private final Map<Long, String> problems = new ConcurrentHashMap<>();
    private final Map<Long, java.util.Properties> parts = new ConcurrentHashMap<>();
    private final Map<Long, String> origins = new ConcurrentHashMap<>();
    private FindingCatalog catalog; // null: to be built from parts on the next call of catalog()
    private BundleTracker<Bundle> tracker;

    @Activate
    void activate(BundleContext context) {
        int states = Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE;
        tracker = new BundleTracker<>(context, states, null) {
            @Override
            public Bundle addingBundle(Bundle bundle, BundleEvent event) {
                URL u = bundle.getEntry(FindingCatalog.RESOURCE);
                if (u == null) return null;
                java.util.Properties p = new java.util.Properties();
                try (InputStream in = u.openStream()) {
                    p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
                } catch (IOException e) {
                    problems.put(bundle.getBundleId(), bundle.getSymbolicName() + ": " + e.getMessage());
                    return null;
                }
                parts.put(bundle.getBundleId(), p);
                origins.put(bundle.getBundleId(), bundle.getSymbolicName());
                changed();
                return bundle;
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, Bundle object) {
                parts.remove(bundle.getBundleId());
                origins.remove(bundle.getBundleId());
                changed();
            }
        };
        tracker.open();
    }

    @Deactivate
    void deactivate() {
        tracker.close();
    }

    // Built once per change, when asked, rather than once per bundle while the tracker opens.
    private synchronized void changed() {
        catalog = null;
    }

    /** The catalog of the bundles resolved now. */
    public synchronized FindingCatalog catalog() {
        if (catalog == null) {
            FindingCatalog.Builder b = new FindingCatalog.Builder();
            parts.forEach((id, p) -> b.add(p, origins.get(id)));
            catalog = b.build();
        }
        return catalog;
    }
}
