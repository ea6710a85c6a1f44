// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.parts;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;

import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.vdiskdoctor.ui.UiIds;

/** Finds the Disk Inspector of a subject, creating one only when none is open for it. */
public final class InspectorParts {

    private InspectorParts() {
    }

    /** Shows (and activates) the inspector of {@code image}, creating it only when none exists. */
    public static MPart show(EPartService parts, Path image) {
        String key = key(image);
        MPart part = findOrCreate(parts.getParts(), key, () -> {
            MPart p = parts.createPart(UiIds.PARTDESCRIPTOR_INSPECTOR);
            p.getPersistedState().put(UiIds.STATE_SUBJECT, key);
            Path name = Path.of(key).getFileName();
            p.setLabel(name == null ? key : name.toString());
            p.setTooltip(key);
            return p;
        });
        return parts.showPart(part, PartState.ACTIVATE);
    }

    /** The inspector among {@code parts} whose subject is {@code key}, else a new one from {@code create}. */
    public static MPart findOrCreate(Collection<MPart> parts, String key, Supplier<MPart> create) {
        return find(parts, key).orElseGet(create);
    }

    /** The inspector among {@code parts} whose subject is {@code key} (see {@link #key(Path)}). */
    public static Optional<MPart> find(Collection<MPart> parts, String key) {
        return parts.stream()
                .filter(p -> UiIds.PARTDESCRIPTOR_INSPECTOR.equals(p.getElementId()))
                .filter(p -> key.equals(p.getPersistedState().get(UiIds.STATE_SUBJECT)))
                .findFirst();
    }

    /** The persisted-state value that names a subject: its absolute, normalized path. */
    public static String key(Path image) {
        return image.toAbsolutePath().normalize().toString();
    }
}
