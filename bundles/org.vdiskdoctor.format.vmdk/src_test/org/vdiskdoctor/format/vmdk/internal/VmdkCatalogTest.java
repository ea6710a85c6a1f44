// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.format.vmdk.internal;

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
import org.vdiskdoctor.format.vmdk.VmdkCodes;

/** Every code of {@link VmdkCodes} is declared in the bundle's catalog, and the catalog declares no other. */
class VmdkCatalogTest {

    private static Set<FindingCode> codeConstants() throws IllegalAccessException {
        Set<FindingCode> codes = new TreeSet<>();
        for (Field f : VmdkCodes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == FindingCode.class) {
                codes.add((FindingCode) f.get(null));
            }
        }
        return codes;
    }

    @Test
    void catalogAndConstantsMatch() throws Exception {
        FindingCatalog catalog = VmdkFixture.catalog();
        Set<FindingCode> declared = new TreeSet<>();
        for (CatalogEntry e : catalog.entries()) declared.add(e.code());
        assertEquals(codeConstants(), declared);
    }

    @Test
    void everyCodeIsVmdkAndExplained() throws Exception {
        for (CatalogEntry e : VmdkFixture.catalog().entries()) {
            assertEquals("vmdk", e.code().domain(), e.code()::value);
            assertTrue(e.explanation().length() > 100, () -> e.code() + ": explanation too short to help");
            assertTrue(!e.title().isBlank(), e.code()::value);
        }
    }
}
