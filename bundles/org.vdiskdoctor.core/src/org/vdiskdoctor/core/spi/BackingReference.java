// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.spi;

import org.vdiskdoctor.core.Evidence;

/**
 * A reference from a child image to its parent as stored in the child: the raw name, the format the child says the
 * parent has ({@code null} when it does not say), and where the name is stored.
 */
public record BackingReference(String name, String formatHint, Evidence storedAt) {
}
