// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a {@link FindingCatalog} as the Markdown page {@code docs/findings.md}: one section per code domain
 * ({@code core}, {@code qcow2}, …, sorted), one table row per code (sorted), with the default severity, title and
 * explanation. The output depends only on the catalog, so a test can compare the committed page byte for byte.
 */
public final class CatalogMarkdown {

    private CatalogMarkdown() {
    }

    /** The whole page, ending with a newline. */
    public static String render(FindingCatalog catalog) {
        Map<String, List<CatalogEntry>> byDomain = new TreeMap<>();
        for (CatalogEntry e : catalog.entries()) {
            byDomain.computeIfAbsent(e.code().domain(), d -> new ArrayList<>()).add(e);
        }
        StringBuilder md = new StringBuilder();
        md.append("# Finding codes\n\n");
        md.append("<!-- Generated from every bundle's META-INF/vdiskdoctor/findings.properties by ")
                .append("org.vdiskdoctor.core.catalog.CatalogMarkdown. Do not edit: change the properties file, run ")
                .append("the build, then cp bundles/org.vdiskdoctor.core/target/findings.md docs/findings.md -->\n\n");
        md.append("Every code VDisk Doctor can report. Codes are stable: scripts may depend on them, and a released ")
                .append("code is never renamed. The severity is the default; a check may report a code with another ")
                .append("severity when the message says why.\n");
        for (Map.Entry<String, List<CatalogEntry>> d : byDomain.entrySet()) {
            md.append("\n## ").append(d.getKey()).append("\n\n");
            md.append("| Code | Default severity | Title | Explanation |\n");
            md.append("|---|---|---|---|\n");
            for (CatalogEntry e : d.getValue()) {
                md.append("| `").append(e.code().value()).append("` | ").append(e.defaultSeverity().label())
                        .append(" | ").append(cell(e.title())).append(" | ").append(cell(e.explanation()))
                        .append(" |\n");
            }
        }
        return md.toString();
    }

    /** One table cell: a pipe would end the cell and a line break the row. */
    static String cell(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ").replace("|", "\\|");
    }
}
