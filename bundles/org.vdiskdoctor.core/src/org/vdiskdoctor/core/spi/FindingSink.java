// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.spi;

import org.vdiskdoctor.core.Finding;

/** Where drivers and probes report what they find. */
@FunctionalInterface
public interface FindingSink {
    void report(Finding finding);
}
