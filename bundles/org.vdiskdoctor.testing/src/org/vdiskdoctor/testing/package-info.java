// SPDX-License-Identifier: EPL-2.0
/**
 * What the bundles' {@code src_test} fixtures share, written once: external tools run with a timeout
 * ({@link org.vdiskdoctor.testing.Tools}), the repository and its finding catalogs ({@link org.vdiskdoctor.testing.Repo}),
 * partitioned disks made by sgdisk and sfdisk ({@link org.vdiskdoctor.testing.Disks}), byte surgery
 * ({@link org.vdiskdoctor.testing.ByteSurgery}), the engine as the product wires it
 * ({@link org.vdiskdoctor.testing.Engines}) and questions asked of its results
 * ({@link org.vdiskdoctor.testing.Findings}); one format driver's run on a file
 * ({@link org.vdiskdoctor.testing.DriverRun}) and its guest reads compared with QEMU's
 * ({@link org.vdiskdoctor.testing.GuestReads}); the seeded mutation loop in a forked small-heap JVM
 * ({@link org.vdiskdoctor.testing.MutationLoop}, {@link org.vdiskdoctor.testing.MutationFork},
 * {@link org.vdiskdoctor.testing.MemoryDisk}). Test code only: no feature includes this bundle.
 */
package org.vdiskdoctor.testing;
