// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.spi;

/**
 * Optional ability of an {@link OpenedImage} whose guest reads fall through to its parent (a QCOW2 overlay, a VMDK
 * delta, a differencing VHD/VHDX). Drivers do not open parents themselves: the engine resolves
 * {@link OpenedImage#backing()} under its path policy, opens and checks the parent, and then hands it to the child
 * with {@link #attachBacking}, before any {@link DiskProbe} runs on the top image. The parent stays owned by the
 * engine and open until the child is closed.
 */
public interface BackingAware {

    /**
     * Called once with the opened parent. The parent is usually a {@link GuestReader}; when it is not (its format
     * cannot read guest data), reads that need it fail with an {@link java.io.IOException}. Never called when the
     * parent could not be opened (missing, outside the allowed folders, a cycle): the child then has no parent.
     */
    void attachBacking(OpenedImage parent);
}
