// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.parts;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.viewers.ITreeContentProvider;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.ui.OpenedSubject;
import org.vdiskdoctor.ui.Session;

/**
 * The navigator's tree: subjects → (folder: its results →) the image's backing links and its volumes. Links and
 * volumes are the result's own objects (compared by identity), and each remembers the result it came from, so the
 * labels can show their findings and a selection can reach the result's inspector.
 */
final class NavigatorContent implements ITreeContentProvider {

    private final Map<Object, SubjectResult> owners = new IdentityHashMap<>();

    @Override
    public Object[] getElements(Object input) {
        owners.clear(); // a full refresh: children are asked for again
        return ((Session) input).subjects().toArray();
    }

    @Override
    public Object[] getChildren(Object e) {
        if (e instanceof OpenedSubject o) {
            if (o.isFolder()) return o.results().toArray();
            return o.results().isEmpty() ? new Object[0] : below(o.results().get(0));
        }
        if (e instanceof SubjectResult r) return below(r);
        return new Object[0];
    }

    /** The result a backing link or volume belongs to, {@code null} for other elements. */
    SubjectResult owner(Object element) {
        return owners.get(element);
    }

    private Object[] below(SubjectResult r) {
        List<Object> out = new ArrayList<>();
        if (r.chain().size() > 1) out.addAll(r.chain().subList(1, r.chain().size()));
        out.addAll(VolumeFindings.shown(r));
        for (Object o : out) owners.put(o, r);
        return out.toArray();
    }

    @Override
    public Object getParent(Object e) {
        return null;
    }

    @Override
    public boolean hasChildren(Object e) {
        return getChildren(e).length > 0;
    }
}
