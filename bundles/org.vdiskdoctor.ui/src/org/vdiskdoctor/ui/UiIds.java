// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui;

/**
 * The stable element ids of the workbench model ({@code Application.e4xmi}). Other bundles' {@code fragment.e4xmi}
 * files name these as {@code parentElementId}; they never change once released.
 */
public final class UiIds {

    /** The application element; parent of part descriptors, commands and handlers contributed by fragments. */
    public static final String APPLICATION = "org.vdiskdoctor.ui.application";
    /** The main window, titled "VDisk Doctor". */
    public static final String WINDOW_MAIN = "org.vdiskdoctor.ui.window.main";
    /** The main menu: add top-level menus here. */
    public static final String MENU_MAIN = "org.vdiskdoctor.ui.menu.main";
    /** The File menu. */
    public static final String MENU_FILE = "org.vdiskdoctor.ui.menu.file";
    /** The main toolbar. */
    public static final String TOOLBAR_MAIN = "org.vdiskdoctor.ui.toolbar.main";
    /** The left part stack (navigation). */
    public static final String PARTSTACK_NAVIGATOR = "org.vdiskdoctor.ui.partstack.navigator";
    /** The centre part stack (inspectors); also the category of part descriptors shown there. */
    public static final String PARTSTACK_EDITORS = "org.vdiskdoctor.ui.partstack.editors";
    /** The bottom part stack (findings, logs). */
    public static final String PARTSTACK_BOTTOM = "org.vdiskdoctor.ui.partstack.bottom";
    /** The Disk Inspector part descriptor: one part per subject. */
    public static final String PARTDESCRIPTOR_INSPECTOR = "org.vdiskdoctor.ui.partdescriptor.inspector";
    /** The Findings part. */
    public static final String PART_FINDINGS = "org.vdiskdoctor.ui.part.findings";
    /** The navigator part. */
    public static final String PART_NAVIGATOR = "org.vdiskdoctor.ui.part.navigator";
    /** Persisted-state key of an inspector part: the absolute, normalized path of the image it shows. */
    public static final String STATE_SUBJECT = "org.vdiskdoctor.ui.subject";

    private UiIds() {
    }
}
