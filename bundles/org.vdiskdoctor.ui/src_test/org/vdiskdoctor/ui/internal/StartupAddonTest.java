// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@code --open PATH...} on the command line: the paths up to the next option, made absolute. */
class StartupAddonTest {

    @Test
    void pathsAfterOpenUpToTheNextOption() {
        assertEquals(List.of(Path.of("/vm/a.qcow2"), Path.of("/vm/b")), StartupAddon.openArguments(
                new String[] { "-clearPersistedState", "--open", "/vm/a.qcow2", "/vm/x/../b", "-foo", "/not/this" }));
        assertEquals(List.of(Path.of("rel.img").toAbsolutePath()), StartupAddon.openArguments(
                new String[] { "--open", "rel.img" }));
        assertEquals(List.of(), StartupAddon.openArguments(new String[] { "/no/open/option" }));
        assertEquals(List.of(), StartupAddon.openArguments(null));
    }
}
