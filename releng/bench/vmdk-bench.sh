#!/usr/bin/env bash
# SPDX-License-Identifier: EPL-2.0
#
# VMDK check benchmark: ours vs `qemu-img check -f vmdk` on the same files. Not a test and not run by CI.
#   releng/bench/vmdk-bench.sh [WORKDIR]      (default /tmp/vdd-vmdk-bench; needs ~1.5 GiB free)
# Makes monolithicSparse and streamOptimized images with qemu-img/qemu-io, then prints, per image, the best of
# 5 whole-process runs of `qemu-img check` and the best in-process open+check of VmdkCheckBench after warm-up (our
# check also walks the redundant tables and inflates every compressed grain, which qemu-img check does not), and
# the ratio. Needs: the vmdk bundle's test classes (./mvnw verify), qemu-utils, python3.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="${1:-/tmp/vdd-vmdk-bench}"
mkdir -p "$work"
for t in qemu-img qemu-io python3; do command -v "$t" >/dev/null || { echo "missing: $t" >&2; exit 1; }; done
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"

if [ ! -f "$work/sparse.vmdk" ]; then
  qemu-img create -q -f vmdk -o subformat=monolithicSparse "$work/sparse.vmdk" 64G
  qemu-io -f vmdk -c "write -q -P 0x5a 0 1G" -c "write -q -P 0xa5 32G 64M" "$work/sparse.vmdk" >/dev/null
fi
[ -f "$work/stream.vmdk" ] || qemu-img convert -O vmdk -o subformat=streamOptimized "$work/sparse.vmdk" \
  "$work/stream.vmdk"

cp="$repo/bundles/org.vdiskdoctor.format.vmdk/target/classes:$repo/bundles/org.vdiskdoctor.format.vmdk/target/test-classes:$repo/bundles/org.vdiskdoctor.core/target/classes"
printf '%-12s %12s %12s %8s\n' image "ours (ms)" "qemu (ms)" ratio
for name in sparse stream; do
  f="$work/$name.vmdk"
  qemu=$(python3 - "$f" <<'PY'
import subprocess, sys, time
best = 1e9
for _ in range(5):
    t = time.perf_counter(); subprocess.run(["qemu-img", "check", "-f", "vmdk", sys.argv[1]], capture_output=True)
    best = min(best, time.perf_counter() - t)
print(f"{best * 1000:.1f}")
PY
)
  ours=$("$java" -cp "$cp" org.vdiskdoctor.format.vmdk.internal.VmdkCheckBench "$f" 8 \
    | sed -n 's/.*rounds \([0-9.]*\) ms.*/\1/p')
  python3 -c "import sys; o,q=float('$ours'),float('$qemu'); print(f'{\"$name\":<12} {o:12.1f} {q:12.1f} {q/o:7.2f}x')"
done
echo "ratios > 1 mean we are faster (qemu-img includes its process start-up, ours is in-process after warm-up)"
