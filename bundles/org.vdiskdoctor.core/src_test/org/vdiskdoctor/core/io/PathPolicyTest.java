// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdiskdoctor.core.io.PathPolicy.Escapes;
import org.vdiskdoctor.core.io.PathPolicy.Inside;
import org.vdiskdoctor.core.io.PathPolicy.Invalid;
import org.vdiskdoctor.core.io.PathPolicy.Resolution;

/** Layout: tmp/vm (allowed, holds top.img and base.img), tmp/outside (holds x.img), tmp/vm2 (a sibling). */
class PathPolicyTest {

    @TempDir
    Path tmp;
    Path vm;
    Path outside;
    Path top;
    PathPolicy policy;

    @BeforeEach
    void layout() throws IOException {
        tmp = tmp.toRealPath();
        vm = Files.createDirectories(tmp.resolve("vm"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        top = Files.writeString(vm.resolve("top.img"), "top");
        Files.writeString(vm.resolve("base.img"), "base");
        Files.createDirectories(vm.resolve("sub"));
        Files.writeString(vm.resolve("sub/deep.img"), "deep");
        Files.writeString(outside.resolve("x.img"), "x");
        policy = PathPolicy.within(List.of(vm), false);
    }

    @Test
    void relativeNameIsResolvedAgainstTheReferrersFolder() {
        Inside in = assertInstanceOf(Inside.class, policy.resolve(top, "base.img"));
        assertEquals(vm.resolve("base.img"), in.path());
        assertTrue(in.exists());
        Inside deep = assertInstanceOf(Inside.class, policy.resolve(top, "sub/deep.img"));
        assertEquals(vm.resolve("sub/deep.img"), deep.path());
        // the referrer's folder, not the working directory or the allowed root
        Inside fromSub = assertInstanceOf(Inside.class, policy.resolve(vm.resolve("sub/deep.img"), "../base.img"));
        assertEquals(vm.resolve("base.img"), fromSub.path());
    }

    @Test
    void missingNameInsideIsInsideAndDoesNotExist() {
        Inside in = assertInstanceOf(Inside.class, policy.resolve(top, "gone.img"));
        assertFalse(in.exists());
        assertEquals(vm.resolve("gone.img"), in.path());
    }

    @Test
    void dotDotEscapes() {
        Escapes e = assertInstanceOf(Escapes.class, policy.resolve(top, "../outside/x.img"));
        assertEquals(outside.resolve("x.img"), e.path());
        // also when the outside file does not exist: the tool must not even probe there
        assertInstanceOf(Escapes.class, policy.resolve(top, "../outside/none.img"));
        assertInstanceOf(Escapes.class, policy.resolve(top, "sub/../../outside/x.img"));
    }

    @Test
    void absolutePathOutsideEscapesAndInsideIsInside() {
        assertInstanceOf(Escapes.class, policy.resolve(top, outside.resolve("x.img").toString()));
        assertInstanceOf(Escapes.class, policy.resolve(top, "/etc/passwd"));
        Inside in = assertInstanceOf(Inside.class, policy.resolve(top, vm.resolve("base.img").toString()));
        assertTrue(in.exists());
    }

    @Test
    void siblingFolderWithTheSamePrefixIsOutside() throws IOException {
        Path vm2 = Files.createDirectories(tmp.resolve("vm2"));
        Files.writeString(vm2.resolve("y.img"), "y");
        assertInstanceOf(Escapes.class, policy.resolve(top, "../vm2/y.img"));
        assertFalse(policy.isInside(vm2.resolve("y.img")));
    }

    @Test
    void symlinkInsidePointingOutsideEscapesAfterToRealPath() throws IOException {
        Files.createSymbolicLink(vm.resolve("link.img"), outside.resolve("x.img"));
        Escapes e = assertInstanceOf(Escapes.class, policy.resolve(top, "link.img"));
        assertEquals(outside.resolve("x.img"), e.path());
        Files.createSymbolicLink(vm.resolve("linkdir"), outside);
        assertInstanceOf(Escapes.class, policy.resolve(top, "linkdir/x.img"));
    }

    @Test
    void dotDotAfterASymlinkedFolderIsResolvedPhysically() throws IOException {
        // vm/linkdir -> outside/deeper; "linkdir/../x.img" is outside/x.img for open(2), not vm/x.img
        Path deeper = Files.createDirectories(outside.resolve("deeper"));
        Files.createSymbolicLink(vm.resolve("linkdir"), deeper);
        Files.writeString(vm.resolve("x.img"), "decoy inside");
        Escapes e = assertInstanceOf(Escapes.class, policy.resolve(top, "linkdir/../x.img"));
        assertEquals(outside.resolve("x.img"), e.path());
        // and for a name that does not exist, the existing prefix is still followed physically
        Escapes missing = assertInstanceOf(Escapes.class, policy.resolve(top, "linkdir/../none.img"));
        assertEquals(outside.resolve("none.img"), missing.path());
    }

    @Test
    void symlinkInsidePointingInsideIsInside() throws IOException {
        Files.createSymbolicLink(vm.resolve("alias.img"), Path.of("base.img"));
        Inside in = assertInstanceOf(Inside.class, policy.resolve(top, "alias.img"));
        assertEquals(vm.resolve("base.img"), in.path());
    }

    @Test
    void invalidNames() {
        Invalid nul = assertInstanceOf(Invalid.class, policy.resolve(top, "base.img\0.qcow2"));
        assertTrue(nul.reason().contains("NUL"), nul.reason());
        assertInstanceOf(Invalid.class, policy.resolve(top, ""));
        assertInstanceOf(Invalid.class, policy.resolve(top, null));
    }

    @Test
    void allowOutsideFollowsAnything() {
        PathPolicy open = PathPolicy.within(List.of(vm), true);
        assertTrue(open.allowOutside());
        Inside in = assertInstanceOf(Inside.class, open.resolve(top, "../outside/x.img"));
        assertEquals(outside.resolve("x.img"), in.path());
        assertTrue(in.exists());
        Inside missing = assertInstanceOf(Inside.class, open.resolve(top, "../outside/none.img"));
        assertFalse(missing.exists());
    }

    @Test
    void rootsAreRealPathsAndSeveralAreAllowed() throws IOException {
        Path linkToVm = Files.createSymbolicLink(tmp.resolve("vm-link"), vm);
        PathPolicy p = PathPolicy.within(List.of(linkToVm, outside), false);
        assertEquals(List.of(vm, outside), p.allowedRoots());
        assertInstanceOf(Inside.class, p.resolve(top, "../outside/x.img"));
        Resolution r = p.resolve(top, "/etc/hostname");
        assertInstanceOf(Escapes.class, r);
    }
}
