// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core;

/** What the user pointed the tool at. */
public enum SubjectKind {
    /** One disk image file (or block device), with its backing chain when it has one. */
    IMAGE,
    /** A folder holding a VM's files. */
    VM_FOLDER,
    /** A hypervisor configuration file (.vmx, .vbox, domain XML, …). */
    CONFIG,
    /** Something that is none of the above (a FIFO, a device we do not read, a missing path). */
    OTHER
}
