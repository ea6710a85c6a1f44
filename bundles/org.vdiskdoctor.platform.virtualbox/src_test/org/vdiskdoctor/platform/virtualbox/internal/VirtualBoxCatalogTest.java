// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.platform.virtualbox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.vdiskdoctor.core.FindingCode;
import org.vdiskdoctor.core.catalog.CatalogEntry;
import org.vdiskdoctor.platform.virtualbox.VirtualBoxCodes;

/** Every code of {@link VirtualBoxCodes} is declared and explained in the bundle's catalog, and no other. */
class VirtualBoxCatalogTest {

    @Test
    void catalogAndConstantsMatch() throws Exception {
        Set<FindingCode> constants = new TreeSet<>();
        for (Field f : VirtualBoxCodes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == FindingCode.class) {
                constants.add((FindingCode) f.get(null));
            }
        }
        Set<FindingCode> declared = new TreeSet<>();
        for (CatalogEntry e : VboxFixture.catalog().entries()) {
            declared.add(e.code());
            assertEquals("virtualbox", e.code().domain());
            assertTrue(e.explanation().length() > 100, () -> e.code() + ": explanation too short to help");
        }
        assertEquals(constants, declared);
    }
}
