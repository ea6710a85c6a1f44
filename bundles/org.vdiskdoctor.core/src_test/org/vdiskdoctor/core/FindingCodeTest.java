// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The code shape, checked by hand, must be exactly the documented regular expression. */
class FindingCodeTest {

    /** The shape as docs/findings.md states it. */
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9]+(\\.[a-z0-9]+(-[a-z0-9]+)*){2,3}");

    @Test
    void theHandWrittenCheckIsTheRegularExpression() {
        List<String> cases = List.of("qcow2.refcount.leak", "core.file.io-error", "fs.ext4.deep.clean",
                "a.b.c", "a.b.c.d", "a.b.c.d.e", "a.b", "a", "", ".a.b", "a..b.c", "a.b.c.", "a-b.c.d", "a.-b.c",
                "a.b-.c", "a.b--c.d", "a.b-c-d.e", "A.b.c", "a.b.c_d", "a.b.c d", "9.9.9", "a.b.-", "a.b.c-");
        for (String c : cases) assertEquals(SHAPE.matcher(c).matches(), FindingCode.wellFormed(c), c);
        // and strings made of the characters that matter, at random (fixed seed)
        Random r = new Random(42);
        char[] alphabet = { 'a', 'z', '0', '9', '.', '-', 'A', '_' };
        for (int i = 0; i < 200_000; i++) {
            char[] s = new char[1 + r.nextInt(12)];
            for (int j = 0; j < s.length; j++) s[j] = alphabet[r.nextInt(alphabet.length)];
            String c = new String(s);
            assertEquals(SHAPE.matcher(c).matches(), FindingCode.wellFormed(c), c);
        }
    }

    @Test
    void badCodesAreRefusedAndEqualityIsByValue() {
        assertThrows(IllegalArgumentException.class, () -> FindingCode.of("Not.A.Code"));
        assertThrows(IllegalArgumentException.class, () -> FindingCode.of(null));
        FindingCode a = FindingCode.of("qcow2.refcount.leak");
        assertEquals(a, FindingCode.of("qcow2.refcount.leak"));
        assertEquals(a.hashCode(), FindingCode.of("qcow2.refcount.leak").hashCode());
        assertNotEquals(a, FindingCode.of("qcow2.refcount.too-low"));
        assertNotEquals(a, "qcow2.refcount.leak");
        assertEquals("qcow2", a.domain());
    }
}
