// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.internal.workbench.E4XMIResourceFactory;
import org.eclipse.e4.ui.model.application.MApplicationElement;
import org.eclipse.e4.ui.model.application.MContribution;
import org.eclipse.e4.ui.model.application.descriptor.basic.MPartDescriptor;
import org.eclipse.e4.ui.model.application.ui.menu.MMenu;
import org.eclipse.e4.ui.model.fragment.MModelFragments;
import org.eclipse.e4.ui.model.fragment.MStringModelFragment;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.resource.impl.ResourceSetImpl;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.vdiskdoctor.ui.UiIds;

/**
 * The model files load as the workbench loads them (a typo in an {@code xsi:type} silently drops a whole fragment
 * file at run time), every fragment names a parent that Application.e4xmi has, and every contribution class loads
 * from its bundle — for the workbench's own fragment and for the example bundle's.
 */
class ModelFragmentsTest {

    private static final String APP = "org.vdiskdoctor.ui";
    private static final String EXAMPLE = "org.vdiskdoctor.example.blankdisk.ui";

    private static EObject load(String bundle, String file) {
        ResourceSet rs = new ResourceSetImpl();
        rs.getResourceFactoryRegistry().getExtensionToFactoryMap().put("*", new E4XMIResourceFactory());
        Resource r = rs.getResource(URI.createPlatformPluginURI(bundle + "/" + file, true), true);
        assertTrue(r.getErrors().isEmpty(), bundle + "/" + file + ": " + r.getErrors());
        return r.getContents().get(0);
    }

    private static Set<String> ids(EObject root) {
        Set<String> ids = new HashSet<>();
        if (root instanceof MApplicationElement e && e.getElementId() != null) ids.add(e.getElementId());
        root.eAllContents().forEachRemaining(o -> {
            if (o instanceof MApplicationElement e && e.getElementId() != null) ids.add(e.getElementId());
        });
        return ids;
    }

    @Test
    void theApplicationHasTheStableIds() {
        Set<String> ids = ids(load(APP, "Application.e4xmi"));
        for (String id : List.of(UiIds.APPLICATION, UiIds.WINDOW_MAIN, UiIds.MENU_MAIN, UiIds.MENU_FILE,
                UiIds.TOOLBAR_MAIN, UiIds.PARTSTACK_NAVIGATOR, UiIds.PARTSTACK_EDITORS, UiIds.PARTSTACK_BOTTOM)) {
            assertTrue(ids.contains(id), id);
        }
    }

    @Test
    void theWorkbenchFragmentContributesNavigatorFindingsAndTheInspectorDescriptor() throws Exception {
        MModelFragments f = (MModelFragments) load(APP, "fragment.e4xmi");
        List<String> contributed = check(f, APP);
        assertTrue(contributed.containsAll(List.of(UiIds.PART_NAVIGATOR, UiIds.PART_FINDINGS,
                UiIds.PARTDESCRIPTOR_INSPECTOR)), contributed.toString());
        MPartDescriptor d = f.getFragments().stream().flatMap(x -> x.getElements().stream())
                .filter(MPartDescriptor.class::isInstance).map(MPartDescriptor.class::cast).findFirst().orElseThrow();
        assertTrue(d.isAllowMultiple(), "one inspector per subject");
        assertEquals(UiIds.PARTSTACK_EDITORS, d.getCategory(), "inspectors open in the centre stack");
    }

    @Test
    void theExampleBundleAddsHelpAboutToTheMainMenuThroughItsFragment() throws Exception {
        Bundle example = bundle(EXAMPLE);
        assertEquals("fragment.e4xmi", example.getHeaders("").get("Model-Fragment"));
        MModelFragments f = (MModelFragments) load(EXAMPLE, "fragment.e4xmi");
        List<String> contributed = check(f, EXAMPLE);
        assertEquals(UiIds.MENU_MAIN, ((MStringModelFragment) f.getFragments().get(0)).getParentElementId());
        MMenu help = (MMenu) f.getFragments().get(0).getElements().get(0);
        assertEquals("&Help", help.getLabel());
        assertEquals("About blank-disk example", help.getChildren().get(0).getLabel());
        assertTrue(contributed.contains("org.vdiskdoctor.example.blankdisk.ui.menuitem.about"), contributed.toString());
    }

    /** Checks parents and contribution classes; returns the ids of every contributed element. */
    private static List<String> check(MModelFragments f, String bsn) throws Exception {
        Set<String> appIds = ids(load(APP, "Application.e4xmi"));
        List<String> contributed = new ArrayList<>();
        assertTrue(!f.getFragments().isEmpty(), bsn + ": no fragments");
        for (var fragment : f.getFragments()) {
            String parent = ((MStringModelFragment) fragment).getParentElementId();
            assertTrue(appIds.contains(parent), bsn + ": parent " + parent + " is not in Application.e4xmi");
            for (var element : fragment.getElements()) {
                contributed.addAll(ids((EObject) element));
                List<EObject> all = new ArrayList<>();
                all.add((EObject) element);
                ((EObject) element).eAllContents().forEachRemaining(all::add);
                for (EObject o : all) {
                    String uri = o instanceof MContribution c ? c.getContributionURI()
                            : o instanceof MPartDescriptor d ? d.getContributionURI() : null;
                    if (uri != null) loadContribution(uri);
                }
            }
        }
        return contributed;
    }

    private static void loadContribution(String uri) throws Exception {
        assertTrue(uri.startsWith("bundleclass://"), uri);
        String[] parts = uri.substring("bundleclass://".length()).split("/");
        Class<?> c = bundle(parts[0]).loadClass(parts[1]);
        assertNotNull(c.getDeclaredConstructor(), uri + ": POJO with a no-argument constructor");
        boolean hasEntry = false;
        for (Method m : c.getDeclaredMethods()) {
            hasEntry |= m.isAnnotationPresent(Execute.class) || m.isAnnotationPresent(jakarta.annotation.PostConstruct.class);
        }
        assertTrue(hasEntry, uri + ": no @Execute or @PostConstruct method");
    }

    private static Bundle bundle(String bsn) {
        for (Bundle b : FrameworkUtil.getBundle(ModelFragmentsTest.class).getBundleContext().getBundles()) {
            if (b.getSymbolicName().equals(bsn)) return b;
        }
        throw new AssertionError("bundle " + bsn + " is not installed");
    }
}
