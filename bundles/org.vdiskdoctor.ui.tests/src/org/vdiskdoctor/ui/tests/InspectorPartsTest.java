// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.junit.jupiter.api.Test;
import org.vdiskdoctor.ui.UiIds;
import org.vdiskdoctor.ui.parts.InspectorParts;

/** One inspector per subject: an open one is found by its persisted subject key, a new one made only when none is. */
class InspectorPartsTest {

    private static MPart inspector(String key) {
        MPart p = MBasicFactory.INSTANCE.createPart();
        p.setElementId(UiIds.PARTDESCRIPTOR_INSPECTOR);
        p.getPersistedState().put(UiIds.STATE_SUBJECT, key);
        return p;
    }

    @Test
    void findsTheOpenInspectorAndCreatesNothing() {
        String a = InspectorParts.key(Path.of("/vm/a.qcow2"));
        MPart open = inspector(a);
        MPart other = inspector(InspectorParts.key(Path.of("/vm/b.qcow2")));
        MPart findings = MBasicFactory.INSTANCE.createPart();
        findings.setElementId(UiIds.PART_FINDINGS);
        AtomicInteger created = new AtomicInteger();
        MPart got = InspectorParts.findOrCreate(List.of(findings, other, open), InspectorParts.key(Path.of("/vm/x/../a.qcow2")),
                () -> {
                    created.incrementAndGet();
                    return inspector("new");
                });
        assertSame(open, got);
        assertEquals(0, created.get(), "no part is created when one is open for the subject");
    }

    @Test
    void createsOneWhenNoneIsOpenForTheSubject() {
        AtomicInteger created = new AtomicInteger();
        MPart made = inspector("made");
        MPart got = InspectorParts.findOrCreate(List.of(inspector("/vm/b.qcow2")), "/vm/a.qcow2", () -> {
            created.incrementAndGet();
            return made;
        });
        assertSame(made, got);
        assertEquals(1, created.get());
        // a part of another descriptor with the same state key is not an inspector
        MPart impostor = inspector("/vm/a.qcow2");
        impostor.setElementId("some.other.part");
        assertTrue(InspectorParts.find(List.of(impostor), "/vm/a.qcow2").isEmpty());
    }
}
