// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A node of an image's structure description: a header, a field, a table, an extension. Offsets are byte offsets in
 * {@code file} ({@code -1} when the node is not one byte range); the UI's hex view jumps there.
 */
public record StructureNode(String name, String value, long offset, long length, List<StructureNode> children) {

    public StructureNode {
        children = List.copyOf(children);
    }

    public static Builder node(String name) {
        return new Builder(name);
    }

    public static StructureNode field(String name, Object value, long offset, long length) {
        return new StructureNode(name, String.valueOf(value), offset, length, List.of());
    }

    /** Depth-first search by name path, e.g. {@code find("header", "version")}. */
    public StructureNode find(String... names) {
        StructureNode at = this;
        for (String n : names) {
            StructureNode next = null;
            for (StructureNode c : at.children) {
                if (c.name.equals(n)) {
                    next = c;
                    break;
                }
            }
            if (next == null) return null;
            at = next;
        }
        return at;
    }

    public static final class Builder {
        private final String name;
        private String value = "";
        private long offset = -1;
        private long length;
        private final List<StructureNode> children = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder value(Object v) {
            this.value = String.valueOf(v);
            return this;
        }

        public Builder range(long off, long len) {
            this.offset = off;
            this.length = len;
            return this;
        }

        public Builder field(String fname, Object v, long off, long len) {
            children.add(StructureNode.field(fname, v, off, len));
            return this;
        }

        public Builder child(StructureNode n) {
            children.add(n);
            return this;
        }

        public StructureNode build() {
            return new StructureNode(name, value, offset, length, children);
        }
    }
}
