// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import org.junit.jupiter.api.Test;

class SeverityTest {
    @Test void order() { assertEquals(2, Severity.ERROR.ordinal()); }
}
