// SPDX-License-Identifier: EPL-2.0
/**
 * What the bundles' {@code src_test} fixtures share, written once: external tools run with a timeout
 * ({@link org.vdiskdoctor.testing.Tools}), the repository and its finding catalogs ({@link org.vdiskdoctor.testing.Repo}),
 * partitioned disks made by sgdisk and sfdisk ({@link org.vdiskdoctor.testing.Disks}), byte surgery
 * ({@link org.vdiskdoctor.testing.ByteSurgery}), the engine as the product wires it
 * ({@link org.vdiskdoctor.testing.Engines}) and questions asked of its results
 * ({@link org.vdiskdoctor.testing.Findings}). Test code only: no feature includes this bundle.
 */
package org.vdiskdoctor.testing;
