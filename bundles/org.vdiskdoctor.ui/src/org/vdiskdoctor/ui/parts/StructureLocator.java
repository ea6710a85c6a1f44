// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.parts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vdiskdoctor.core.Evidence;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.Volume;

/**
 * Maps a finding to the structure node its evidence points at: the deepest node whose byte range contains the
 * evidence's offset (the narrowest one on a tie). Nodes without a range of their own (groups) are searched through.
 */
public final class StructureLocator {

    /** The node the engine adds for the guest disk's partition tables (core/engine/ImageRun). */
    static final String GUEST_DISK = "guest disk";

    private StructureLocator() {
    }

    /**
     * The path from {@code root} to the node that holds the first ranged evidence of {@code finding} in
     * {@code file}; empty when the finding has no such evidence or no node contains it.
     */
    public static List<StructureNode> locate(StructureNode root, Finding finding, Path file) {
        if (root == null) return List.of();
        Path want = file.toAbsolutePath().normalize();
        for (Evidence e : finding.evidence()) {
            if (!e.hasRange() || !e.file().toAbsolutePath().normalize().equals(want)) continue;
            List<StructureNode> path = locate(root, e.offset());
            if (!path.isEmpty()) return path;
        }
        return List.of();
    }

    /**
     * The path from {@code root} to the node that describes {@code volume} in the partition tables the engine adds
     * under "guest disk" (GPT: "GPT" › "partitions" › "partition N"; MBR: "MBR" › "entry N" or "logical partition
     * N"; the whole disk: "guest disk" itself); empty when the tree has no such node (a third party's table).
     */
    public static List<StructureNode> locate(StructureNode root, Volume volume) {
        StructureNode disk = root == null ? null : root.find(GUEST_DISK);
        if (disk == null) return List.of();
        if (volume.isWholeDisk()) return List.of(root, disk);
        String number = volume.id().substring(volume.id().indexOf(':') + 1);
        List<String> names = switch (volume.scheme()) {
            case "gpt" -> List.of("GPT", "partitions", "partition " + number);
            case "mbr" -> List.of("MBR", volume.label().contains(" logical ") ? "logical partition " + number
                    : "entry " + number);
            default -> List.of();
        };
        if (names.isEmpty()) return List.of();
        List<StructureNode> path = new ArrayList<>(List.of(root, disk));
        StructureNode at = disk;
        for (String name : names) {
            at = at.find(name);
            if (at == null) return List.of();
            path.add(at);
        }
        return List.copyOf(path);
    }

    /** The path from {@code root} to the deepest (then narrowest) node containing byte {@code offset}. */
    public static List<StructureNode> locate(StructureNode root, long offset) {
        List<StructureNode> best = new ArrayList<>();
        search(root, offset, new ArrayList<>(), best);
        return List.copyOf(best);
    }

    private static void search(StructureNode n, long offset, List<StructureNode> trail, List<StructureNode> best) {
        trail.add(n);
        if (contains(n, offset) && better(trail, best)) {
            best.clear();
            best.addAll(trail);
        }
        for (StructureNode c : n.children()) search(c, offset, trail, best);
        trail.remove(trail.size() - 1);
    }

    private static boolean better(List<StructureNode> candidate, List<StructureNode> best) {
        if (best.isEmpty() || candidate.size() > best.size()) return true;
        if (candidate.size() < best.size()) return false;
        return candidate.get(candidate.size() - 1).length() < best.get(best.size() - 1).length();
    }

    static boolean contains(StructureNode n, long offset) {
        if (n.offset() < 0) return false;
        if (n.length() == 0) return offset == n.offset();
        return offset >= n.offset() && offset - n.offset() < n.length();
    }
}
