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

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The {@code --json} output (schema version {@value #SCHEMA_VERSION}, documented in docs/cli.md), written as a
 * stream: each subject is written as soon as the engine hands it over, and the document is complete and valid when
 * {@link #finish} returns.
 */
final class JsonReport implements AutoCloseable {

    static final int SCHEMA_VERSION = 1;

    private final JsonGenerator gen;
    private final FindingCatalog catalog;

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record EvidenceDto(String file, Long offset, Long length) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record FindingDto(String code, String severity, String title, String message, List<EvidenceDto> evidence,
            List<String> repairs) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ChainDto(String path, String reference, String format) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record NodeDto(String name, String value, Long offset, Long length,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<NodeDto> children) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record VolumeDto(String id, long offset, long length, String scheme, String label, String filesystem) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SubjectDto(String path, String kind, String format, Long virtualSize, Long fileSize, String worstSeverity,
            boolean toolFailure, long elapsedMillis, List<ChainDto> chain,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<VolumeDto> volumes, List<FindingDto> findings,
            NodeDto structure) {
    }

    record SummaryDto(int subjects, long errors, long warnings, long infos) {
    }

    private JsonReport(JsonGenerator gen, FindingCatalog catalog) {
        this.gen = gen;
        this.catalog = catalog;
    }

    static JsonReport start(PrintWriter out, String version, FindingCatalog catalog) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        JsonGenerator g = mapper.createGenerator(out);
        g.useDefaultPrettyPrinter();
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
            gen.writeObject(toDto(r, withStructure));
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
        gen.writeObjectField("summary", new SummaryDto(all.size(), e, w, i));
        gen.writeNumberField("exitCode", DiagnosisResult.exitCode(all));
        gen.writeEndObject();
        gen.flush();
    }

    @Override
    public void close() throws IOException {
        gen.close();
    }

    private SubjectDto toDto(SubjectResult r, boolean withStructure) {
        Severity worst = r.worst();
        return new SubjectDto(str(r.path()), r.kind().name().toLowerCase(java.util.Locale.ROOT), r.format(),
                r.virtualSize() < 0 ? null : r.virtualSize(), r.fileSize() < 0 ? null : r.fileSize(),
                worst == null ? null : worst.label(), r.toolFailure(), r.elapsed().toMillis(),
                r.chain().stream().map(JsonReport::chain).toList(),
                r.volumes().stream().map(v -> new VolumeDto(v.id(), v.offset(), v.length(), v.scheme(), v.label(),
                        v.filesystem())).toList(),
                r.findings().stream().map(this::finding).toList(),
                withStructure && r.structure() != null ? node(r.structure()) : null);
    }

    private FindingDto finding(Finding f) {
        String title = catalog.entry(f.code()).map(c -> c.title()).orElse(null);
        return new FindingDto(f.code().value(), f.severity().label(), title, f.message(),
                f.evidence().stream().map(JsonReport::evidence).toList(), f.repairIds());
    }

    private static EvidenceDto evidence(Evidence e) {
        return e.hasRange() ? new EvidenceDto(str(e.file()), e.offset(), e.length())
                : new EvidenceDto(str(e.file()), null, null);
    }

    private static ChainDto chain(ChainLink l) {
        return new ChainDto(str(l.path()), l.reference(), l.format());
    }

    private static NodeDto node(StructureNode n) {
        return new NodeDto(n.name(), n.value(), n.offset() < 0 ? null : n.offset(),
                n.offset() < 0 ? null : n.length(), n.children().stream().map(JsonReport::node).toList());
    }

    private static String str(Path p) {
        return p == null ? null : p.toString();
    }
}
