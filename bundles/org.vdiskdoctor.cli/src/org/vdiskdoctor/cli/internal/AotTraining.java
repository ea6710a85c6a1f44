// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;

import org.vdiskdoctor.core.SubjectResult;
import org.vdiskdoctor.core.catalog.FindingCatalog;

/**
 * The launcher makes its JDK AOT cache from the user's first {@code diagnose} or {@code inspect} (the training run,
 * {@code -Dvdiskdoctor.aot.training=true}): the cache holds the classes that run loaded. So that later runs in the
 * other output form find theirs there too, the training run also renders its result the other way (text or JSON)
 * and the help texts, into nothing. Never prints, never changes the result or the exit code.
 */
final class AotTraining {

    static final String PROPERTY = "vdiskdoctor.aot.training";

    private AotTraining() {
    }

    /** Renders the results in both forms, with and without structure, and prints the help texts, all discarded. */
    static void renderBothWays(List<SubjectResult> results, String version, FindingCatalog catalog) {
        if (!Boolean.getBoolean(PROPERTY)) return;
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        try (JsonReport json = JsonReport.start(nowhere, version, catalog)) {
            for (SubjectResult r : results) json.subject(r, true);
            json.finish(results);
        } catch (IOException | RuntimeException e) {
            // training only: whatever fails here is not the user's result
        }
        TextReport text = new TextReport(nowhere, catalog);
        for (SubjectResult r : results) {
            if (r.structure() != null) text.structure(r);
            text.subject(r);
        }
        text.summary(results);
        Dispatcher.printHelp(nowhere);
        DiagnoseCommand.SYNTAX.printHelp(nowhere);
    }
}
