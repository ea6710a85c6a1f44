// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.spi;

import java.util.Map;

import org.vdiskdoctor.core.Evidence;

/**
 * A reference from a child image to its parent as stored in the child: the raw name, the format the child says the
 * parent has ({@code null} when it does not say), and where the name is stored.
 * <p>
 * Formats whose children record who their parent must be (VMDK {@code parentCID}, VHD parent unique id, VHDX
 * {@code parent_linkage}, VDI {@code uuidLinkage}/{@code uuidParentModify}) put those values in
 * {@code expectedParentIds}, keyed by the name the parent gives them in {@link OpenedImage#linkIds()}. The engine
 * compares every key both sides have and reports a mismatch once, with both values. {@code sizeMustMatch} says the
 * format requires the parent to have the child's virtual size (every differencing format but QCOW2).
 */
public record BackingReference(String name, String formatHint, Evidence storedAt, Map<String, String> expectedParentIds,
        boolean sizeMustMatch) {

    public BackingReference {
        expectedParentIds = expectedParentIds == null ? Map.of() : Map.copyOf(expectedParentIds);
    }

    /** A reference that says nothing about the parent's identity or size (QCOW2). */
    public BackingReference(String name, String formatHint, Evidence storedAt) {
        this(name, formatHint, storedAt, Map.of(), false);
    }
}
