// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.vdiskdoctor.core.Evidence;
import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.io.ImageSource;
import org.vdiskdoctor.core.spi.BackingAware;
import org.vdiskdoctor.core.spi.BackingReference;
import org.vdiskdoctor.core.spi.FindingSink;
import org.vdiskdoctor.core.spi.FormatDriver;
import org.vdiskdoctor.core.spi.Monitor;
import org.vdiskdoctor.core.spi.OpenedImage;
import org.vdiskdoctor.core.spi.ProbeHeader;

/**
 * A toy format for engine tests. A file is this format when it starts with the magic line ({@code CHAIN1} for
 * {@link #chain()}); the following {@code key=value} lines may name a parent ({@code parent=base.img}), the
 * parent's format ({@code parent-format=chain}) and a virtual size ({@code size=4096}). What {@code check()} does
 * is scripted per test.
 */
public final class FakeDriver implements FormatDriver {

    /** What the opened image's {@code check()} does. */
    @FunctionalInterface
    public interface Check {
        void run(OpenedImage image, FindingSink sink, Monitor monitor) throws IOException;
    }

    private final String id;
    private final String magic;
    private volatile Check check = (i, s, m) -> {
    };
    private volatile Check onOpen = (i, s, m) -> {
    };
    /** Every file this driver opened, in order (real paths). */
    public final List<Path> opened = Collections.synchronizedList(new ArrayList<>());
    private List<String> events = Collections.synchronizedList(new ArrayList<>());

    public FakeDriver(String id, String magic) {
        this.id = id;
        this.magic = magic;
    }

    /** The "chain" format, magic line {@code CHAIN1}. */
    public static FakeDriver chain() {
        return new FakeDriver("chain", "CHAIN1");
    }

    /** A second format, "other", magic line {@code OTHER1}. */
    public static FakeDriver other() {
        return new FakeDriver("other", "OTHER1");
    }

    public FakeDriver onCheck(Check c) {
        this.check = c;
        return this;
    }

    /** Runs during {@code open()}, before the image exists for the engine. */
    public FakeDriver onOpen(Check c) {
        this.onOpen = c;
        return this;
    }

    /** Records {@code "open <file name>"} into {@code log} whenever a file is opened. */
    public FakeDriver logTo(List<String> log) {
        this.events = log;
        return this;
    }

    /** The content of a file of this format. */
    public String header(String... keyValues) {
        StringBuilder b = new StringBuilder(magic).append('\n');
        for (String kv : keyValues) b.append(kv).append('\n');
        return b.toString();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int score(ProbeHeader header) {
        return header.startsWith((magic + "\n").getBytes(StandardCharsets.US_ASCII)) ? SCORE_CERTAIN : 0;
    }

    @Override
    public OpenedImage open(ImageSource source, FindingSink sink, Monitor monitor) throws IOException {
        opened.add(source.path());
        events.add("open " + source.path().getFileName());
        Image img = new Image(source);
        onOpen.run(img, sink, monitor);
        return img;
    }

    private final class Image implements OpenedImage, BackingAware {
        private final ImageSource source;
        private final String text;

        Image(ImageSource source) throws IOException {
            this.source = source;
            this.text = StandardCharsets.ISO_8859_1.decode(source.readUpTo(0, 4096)).toString();
        }

        @Override
        public String format() {
            return id;
        }

        @Override
        public ImageSource source() {
            return source;
        }

        @Override
        public long virtualSize() {
            String s = value("size");
            return s == null ? -1 : Long.parseLong(s);
        }

        @Override
        public void check(FindingSink sink, Monitor monitor) throws IOException {
            check.run(this, sink, monitor);
        }

        @Override
        public StructureNode describe() {
            return StructureNode.node("header").range(0, magic.length())
                    .field("magic", magic, 0, magic.length()).build();
        }

        @Override
        public Optional<BackingReference> backing() {
            String name = value("parent");
            if (name == null) return Optional.empty();
            int at = text.indexOf("\nparent=") + "\nparent=".length();
            String parentId = value("parent-id");
            return Optional.of(new BackingReference(name, value("parent-format"),
                    Evidence.of(source.path(), at, name.length()),
                    parentId == null ? Map.of() : Map.of("id", parentId), "true".equals(value("same-size"))));
        }

        /** {@code id=...} names this image to its children. */
        @Override
        public Map<String, String> linkIds() {
            String id = value("id");
            return id == null ? Map.of() : Map.of("id", id);
        }

        /** Records {@code "attach <child> <- <parent>"}. */
        @Override
        public void attachBacking(OpenedImage parent) {
            events.add("attach " + source.path().getFileName() + " <- " + parent.source().path().getFileName());
        }

        private String value(String key) {
            for (String line : text.split("\n", -1)) {
                if (line.startsWith(key + "=")) return line.substring(key.length() + 1);
            }
            return null;
        }
    }
}
