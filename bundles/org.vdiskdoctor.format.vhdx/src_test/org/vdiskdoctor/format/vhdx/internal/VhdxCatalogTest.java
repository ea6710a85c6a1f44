// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vhdx.internal;

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
import org.vdiskdoctor.format.vhdx.VhdxCodes;

/** Every code of {@link VhdxCodes} is declared in the bundle's catalog, and the catalog declares no other. */
class VhdxCatalogTest {

    private static Set<FindingCode> codeConstants() throws IllegalAccessException {
        Set<FindingCode> codes = new TreeSet<>();
        for (Field f : VhdxCodes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == FindingCode.class) {
                codes.add((FindingCode) f.get(null));
            }
        }
        return codes;
    }

    @Test
    void catalogAndConstantsMatch() throws Exception {
        FindingCatalog catalog = VhdxFixture.catalog(); // fails on incomplete entries
        Set<FindingCode> declared = new TreeSet<>();
        for (CatalogEntry e : catalog.entries()) declared.add(e.code());
        assertEquals(codeConstants(), declared);
    }

    @Test
    void everyCodeIsVhdxAndExplained() throws Exception {
        for (CatalogEntry e : VhdxFixture.catalog().entries()) {
            assertEquals("vhdx", e.code().domain(), e.code()::value);
            assertTrue(e.explanation().length() > 100, () -> e.code() + ": explanation too short to help");
            assertTrue(!e.title().isBlank(), e.code()::value);
        }
    }
}
