// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.qcow2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.catalog.CatalogEntry;
import org.vdiskdoctor.core.catalog.FindingCatalog;
import org.vdiskdoctor.format.qcow2.Qcow2Codes;

/** Every code of {@link Qcow2Codes} is declared in the bundle's catalog, and the catalog declares no other. */
class Qcow2CatalogTest {

    private static Set<FindingCode> codeConstants() throws IllegalAccessException {
        Set<FindingCode> codes = new TreeSet<>();
        for (Field f : Qcow2Codes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == FindingCode.class) {
                codes.add((FindingCode) f.get(null));
            }
        }
        return codes;
    }

    @Test
    void catalogAndConstantsMatch() throws Exception {
        FindingCatalog catalog = Qcow2Fixture.catalog(); // fails on incomplete entries
        Set<FindingCode> declared = new TreeSet<>();
        for (CatalogEntry e : catalog.entries()) declared.add(e.code());
        assertEquals(codeConstants(), declared);
    }

    @Test
    void everyCodeIsQcow2AndExplained() throws Exception {
        FindingCatalog catalog = Qcow2Fixture.catalog();
        for (CatalogEntry e : catalog.entries()) {
            assertEquals("qcow2", e.code().domain(), e.code()::value);
            assertTrue(e.explanation().length() > 100, () -> e.code() + ": explanation too short to help");
            assertTrue(!e.title().isBlank(), e.code()::value);
        }
    }
}
