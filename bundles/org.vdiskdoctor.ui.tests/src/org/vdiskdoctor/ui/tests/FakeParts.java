// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.tests;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.vdiskdoctor.ui.Session;
import org.vdiskdoctor.ui.parts.InspectorPart;

/**
 * The part service as far as the workbench code uses it ({@code getParts}, {@code createPart}, {@code showPart}):
 * showing a new inspector part renders a real {@link InspectorPart} into {@code host}, as the e4 renderer would.
 * Counts creations and remembers activations, so tests can prove "find or create, never two".
 */
final class FakeParts implements InvocationHandler {

    final List<MPart> parts = new ArrayList<>();
    final List<MPart> activated = new ArrayList<>();
    int created;

    private final Composite host;
    private final Session session;

    FakeParts(Composite host, Session session) {
        this.host = host;
        this.session = session;
    }

    EPartService service() {
        return (EPartService) Proxy.newProxyInstance(FakeParts.class.getClassLoader(),
                new Class<?>[] { EPartService.class }, this);
    }

    /** The inspector objects of the shown parts, in creation order. */
    List<InspectorPart> inspectors() {
        return parts.stream().map(p -> (InspectorPart) p.getObject()).toList();
    }

    @Override
    public Object invoke(Object proxy, Method m, Object[] args) {
        switch (m.getName()) {
            case "getParts":
                return List.copyOf(parts);
            case "createPart": {
                created++;
                MPart p = MBasicFactory.INSTANCE.createPart();
                p.setElementId((String) args[0]);
                return p;
            }
            case "showPart": {
                MPart p = (MPart) args[0];
                if (!parts.contains(p)) {
                    parts.add(p);
                    Composite c = new Composite(host, SWT.NONE);
                    c.setLayout(new FillLayout());
                    InspectorPart inspector = new InspectorPart();
                    inspector.create(c, p, session);
                    p.setObject(inspector);
                    host.layout(true, true);
                }
                activated.add(p);
                return p;
            }
            case "hashCode":
                return System.identityHashCode(proxy);
            case "equals":
                return proxy == args[0];
            case "toString":
                return "FakeParts" + parts;
            default:
                throw new UnsupportedOperationException("EPartService." + m.getName() + " is not used by the workbench");
        }
    }
}
