// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class CatalogMarkdownTest {

    private static void declare(Properties p, String code, String severity, String title, String explanation) {
        p.setProperty(code + ".severity", severity);
        p.setProperty(code + ".title", title);
        p.setProperty(code + ".explanation", explanation);
    }

    @Test
    void rendersOneSortedTablePerDomain() throws IOException {
        Properties a = new Properties();
        declare(a, "vmdk.grain.bad", "error", "Bad grain", "A | pipe\nand a line break.");
        declare(a, "core.file.missing", "error", "Missing", "Gone.");
        Properties b = new Properties();
        declare(b, "core.chain.cycle", "warning", "Loop", "A -> B -> A.");
        FindingCatalog c = new FindingCatalog.Builder().add(a, "a").add(b, "b").build();

        String md = CatalogMarkdown.render(c);

        int core = md.indexOf("\n## core\n");
        int vmdk = md.indexOf("\n## vmdk\n");
        assertTrue(md.startsWith("# Finding codes\n"), md);
        assertTrue(core > 0 && vmdk > core, md);
        String coreTable = md.substring(core, vmdk);
        assertEquals("""

                ## core

                | Code | Default severity | Title | Explanation |
                |---|---|---|---|
                | `core.chain.cycle` | warning | Loop | A -> B -> A. |
                | `core.file.missing` | error | Missing | Gone. |
                """, coreTable);
        assertTrue(md.endsWith("| `vmdk.grain.bad` | error | Bad grain | A \\| pipe and a line break. |\n"), md);
        assertEquals(md, CatalogMarkdown.render(new FindingCatalog.Builder().add(b, "b").add(a, "a").build()),
                "the page must not depend on the order the parts were added");
    }

    @Test
    void emptyCatalogIsJustTheIntroduction() {
        String md = CatalogMarkdown.render(FindingCatalog.empty());
        assertTrue(md.startsWith("# Finding codes\n"));
        assertTrue(!md.contains("##"), md);
    }
}
