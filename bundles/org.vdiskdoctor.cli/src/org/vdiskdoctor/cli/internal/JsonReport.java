// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

import org.vdiskdoctor.core.ChainLink;
import org.vdiskdoctor.core.DiagnosisResult;
import org.vdiskdoctor.core.Evidence;
import org.vdiskdoctor.core.Finding;
import org.vdiskdoctor.core.Severity;
import org.vdiskdoctor.core.StructureNode;
import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.catalog.FindingCatalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * The {@code --json} output (schema version {@value #SCHEMA_VERSION}, documented in docs/cli.md), written as a
 * stream: each subject is written as soon as the engine hands it over, and the document is complete and valid when
 * {@link #finish} returns.
 */
final class JsonReport implements AutoCloseable {

    static final int SCHEMA_VERSION = 1;

    private final JsonGenerator gen;
    private final FindingCatalog catalog;

    private JsonReport(JsonGenerator gen, FindingCatalog catalog) {
        this.gen = gen;
        this.catalog = catalog;
    }

    /** A pretty-printing generator that leaves {@code out} open (the caller owns it). */
    static JsonGenerator generator(PrintWriter out) throws IOException {
        JsonGenerator g = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).createGenerator(out);
        g.useDefaultPrettyPrinter();
        return g;
    }

    static JsonReport start(PrintWriter out, String version, FindingCatalog catalog) throws IOException {
        JsonGenerator g = generator(out);
        g.writeStartObject();
        g.writeNumberField("schemaVersion", SCHEMA_VERSION);
        g.writeObjectFieldStart("tool");
        g.writeStringField("name", "vdisk-doctor");
        g.writeStringField("version", version);
        g.writeEndObject();
        g.writeArrayFieldStart("subjects");
        return new JsonReport(g, catalog);
    }

    /** Writes one subject and flushes, so a reader sees results as they come. */
    void subject(SubjectResult r, boolean withStructure) {
        try {
            writeSubject(r, withStructure);
            gen.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    void finish(List<SubjectResult> all) throws IOException {
        gen.writeEndArray();
        long e = 0, w = 0, i = 0;
        for (SubjectResult r : all) {
            e += r.count(Severity.ERROR);
            w += r.count(Severity.WARNING);
            i += r.count(Severity.INFO);
        }
        gen.writeObjectFieldStart("summary");
        gen.writeNumberField("subjects", all.size());
        gen.writeNumberField("errors", e);
        gen.writeNumberField("warnings", w);
        gen.writeNumberField("infos", i);
        gen.writeEndObject();
        gen.writeNumberField("exitCode", DiagnosisResult.exitCode(all));
        gen.writeEndObject();
        gen.flush();
    }

    @Override
    public void close() throws IOException {
        gen.close();
    }

    // Written field by field with the streaming generator (no data binding: its introspection cost more start-up
    // time than the rest of a small run). Absent values: a subject leaves out null fields and an empty volume list;
    // every other object writes all its fields, null included (scripts may rely on the keys being there).
    private void writeSubject(SubjectResult r, boolean withStructure) throws IOException {
        gen.writeStartObject();
        stringIfPresent("path", str(r.path()));
        gen.writeStringField("kind", r.kind().name().toLowerCase(java.util.Locale.ROOT));
        stringIfPresent("format", r.format());
        if (r.virtualSize() >= 0) gen.writeNumberField("virtualSize", r.virtualSize());
        if (r.fileSize() >= 0) gen.writeNumberField("fileSize", r.fileSize());
        Severity worst = r.worst();
        if (worst != null) gen.writeStringField("worstSeverity", worst.label());
        gen.writeBooleanField("toolFailure", r.toolFailure());
        gen.writeNumberField("elapsedMillis", r.elapsed().toMillis());
        gen.writeArrayFieldStart("chain");
        for (ChainLink l : r.chain()) {
            gen.writeStartObject();
            gen.writeStringField("path", str(l.path()));
            gen.writeStringField("reference", l.reference());
            gen.writeStringField("format", l.format());
            gen.writeEndObject();
        }
        gen.writeEndArray();
        if (!r.volumes().isEmpty()) {
            gen.writeArrayFieldStart("volumes");
            for (var v : r.volumes()) {
                gen.writeStartObject();
                gen.writeStringField("id", v.id());
                gen.writeNumberField("offset", v.offset());
                gen.writeNumberField("length", v.length());
                gen.writeStringField("scheme", v.scheme());
                gen.writeStringField("label", v.label());
                gen.writeStringField("filesystem", v.filesystem());
                gen.writeEndObject();
            }
            gen.writeEndArray();
        }
        gen.writeArrayFieldStart("findings");
        for (Finding f : r.findings()) writeFinding(f);
        gen.writeEndArray();
        if (withStructure && r.structure() != null) {
            gen.writeFieldName("structure");
            writeNode(r.structure());
        }
        gen.writeEndObject();
    }

    private void writeFinding(Finding f) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("code", f.code().value());
        gen.writeStringField("severity", f.severity().label());
        gen.writeStringField("title", catalog.entry(f.code()).map(c -> c.title()).orElse(null));
        gen.writeStringField("message", f.message());
        gen.writeArrayFieldStart("evidence");
        for (Evidence e : f.evidence()) {
            gen.writeStartObject();
            gen.writeStringField("file", str(e.file()));
            if (e.hasRange()) {
                gen.writeNumberField("offset", e.offset());
                gen.writeNumberField("length", e.length());
            } else {
                gen.writeNullField("offset");
                gen.writeNullField("length");
            }
            gen.writeEndObject();
        }
        gen.writeEndArray();
        gen.writeArrayFieldStart("repairs");
        for (String id : f.repairIds()) gen.writeString(id);
        gen.writeEndArray();
        gen.writeEndObject();
    }

    private void writeNode(StructureNode n) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("name", n.name());
        gen.writeStringField("value", n.value());
        if (n.offset() < 0) {
            gen.writeNullField("offset");
            gen.writeNullField("length");
        } else {
            gen.writeNumberField("offset", n.offset());
            gen.writeNumberField("length", n.length());
        }
        if (!n.children().isEmpty()) {
            gen.writeArrayFieldStart("children");
            for (StructureNode c : n.children()) writeNode(c);
            gen.writeEndArray();
        }
        gen.writeEndObject();
    }

    private void stringIfPresent(String field, String value) throws IOException {
        if (value != null) gen.writeStringField(field, value);
    }

    private static String str(Path p) {
        return p == null ? null : p.toString();
    }
}
