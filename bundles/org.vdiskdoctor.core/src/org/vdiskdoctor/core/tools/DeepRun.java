// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.GuestVolume;
import org.vdiskdoctor.core.spi.Monitor;

/**
 * The one way a filesystem bundle runs a read-only tool on a volume: nothing when deep checks are off; a finding when
 * the tool is not installed, the copy was skipped or the run timed out; otherwise the tool's output for the bundle to
 * parse into its own findings. The tool reads the image file itself when the image is raw and the tool can be told
 * an offset, else a sparse temporary copy of the volume that is deleted afterwards.
 */
public final class DeepRun {

    /** The bytes a tool is pointed at: {@code file} from byte {@code offset} for {@code length} bytes. */
    public record Target(Path file, long offset, long length) {
    }

    /** Builds the command line for one run. */
    @FunctionalInterface
    public interface Command {
        List<String> build(Path tool, Target target);

        /** {@code tool options… file}: for tools that read a whole file (no offset). */
        static Command fileLast(List<String> options) {
            List<String> opts = List.copyOf(options);
            return (tool, target) -> {
                List<String> cmd = new ArrayList<>();
                cmd.add(tool.toString());
                cmd.addAll(opts);
                cmd.add(target.file().toString());
                return cmd;
            };
        }
    }

    private DeepRun() {
    }

    /**
     * Runs {@code tool} on {@code volume}.
     *
     * @param debianPackage   the package that provides the tool, named when it is missing
     * @param readsAtAnOffset whether {@code command} can point the tool at a volume inside a bigger file
     *                        ({@code Target.offset() > 0}); when false, only a volume that is a whole raw image is read
     *                        in place, all else is copied
     * @return the run's result, or empty when it did not run or gave nothing usable (a finding says why, except when
     *         deep checks are off)
     * @throws IOException when reading the volume for the copy fails
     */
    public static Optional<ExternalTool.Result> run(GuestVolume volume, String tool, String debianPackage,
            boolean readsAtAnOffset, Command command, FindingSink sink, Monitor monitor) throws IOException {
        if (!volume.deepCheck().enabled()) return Optional.empty();
        Optional<Path> exe = ExternalTool.find(tool);
        if (exe.isEmpty()) {
            sink.report(DeepChecks.toolMissing(volume, tool, debianPackage));
            return Optional.empty();
        }
        Optional<GuestVolume.RawRange> raw = volume.rawRange()
                .filter(r -> readsAtAnOffset || r.offset() == 0 && r.length() == sizeOf(r.file()));
        if (raw.isPresent()) {
            GuestVolume.RawRange r = raw.get();
            return runOn(volume, tool, command.build(exe.get(), new Target(r.file(), r.offset(), r.length())), sink,
                    monitor);
        }
        VolumeCopy.Outcome made = VolumeCopy.make(volume, monitor);
        if (made instanceof VolumeCopy.Skipped s) {
            sink.report(DeepChecks.skipped(volume, tool, s.reason()));
            return Optional.empty();
        }
        try (VolumeCopy copy = ((VolumeCopy.Made) made).copy()) {
            return runOn(volume, tool, command.build(exe.get(), new Target(copy.file(), 0, volume.size())), sink,
                    monitor);
        }
    }

    private static Optional<ExternalTool.Result> runOn(GuestVolume volume, String tool, List<String> cmd,
            FindingSink sink, Monitor monitor) throws IOException {
        ExternalTool.Result r;
        try {
            r = ExternalTool.run(cmd, volume.deepCheck().timeout(), monitor);
        } catch (IOException e) {
            sink.report(DeepChecks.toolFailed(volume, tool, "it could not be started: " + e.getMessage()));
            return Optional.empty();
        }
        var unusable = DeepChecks.unusable(volume, tool, r);
        if (unusable != null) {
            sink.report(unusable);
            return Optional.empty();
        }
        return Optional.of(r);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
