#!/usr/bin/env bash
# SPDX-License-Identifier: EPL-2.0
#
# VMDK check benchmark: ours vs `qemu-img check -f vmdk` on the same files. Not a test and not run by CI.
#   releng/bench/vmdk-bench.sh [WORKDIR]      (default /tmp/vdd-vmdk-bench; needs ~1.5 GiB free)
# Makes a 64 GiB monolithicSparse image with 1 GiB + 64 MiB written and its streamOptimized conversion with
# qemu-img/qemu-io, then measures, like qcow2-bench.sh,
#   1. whole processes with hyperfine: ./vdisk-doctor diagnose vs qemu-img check (warm cache), and the ratio;
#   2. in process after warm-up: VmdkCheckBench (open + check, best of 8) vs the best of 5 qemu-img check
#      processes, and the ratio.
# The stream is measured twice: the default check (grain markers and zlib headers, nothing inflated) and the deep
# check (`--deep`: every compressed grain inflated, which qemu-img check never does). Our check also walks the
# redundant tables. Needs: a built product (./vdisk-doctor builds it), the vmdk bundle's test classes
# (./mvnw verify), qemu-utils, hyperfine, python3. Results go to stdout; docs/benchmarks.md records a run.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="${1:-/tmp/vdd-vmdk-bench}"
mkdir -p "$work"
for t in qemu-img qemu-io python3 hyperfine; do command -v "$t" >/dev/null || { echo "missing: $t" >&2; exit 1; }; done
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"

if [ ! -f "$work/sparse.vmdk" ]; then
  qemu-img create -q -f vmdk -o subformat=monolithicSparse "$work/sparse.vmdk" 64G
  qemu-io -f vmdk -c "write -q -P 0x5a 0 1G" -c "write -q -P 0xa5 32G 64M" "$work/sparse.vmdk" >/dev/null
fi
[ -f "$work/stream.vmdk" ] || qemu-img convert -O vmdk -o subformat=streamOptimized "$work/sparse.vmdk" \
  "$work/stream.vmdk"

cp="$repo/bundles/org.vdiskdoctor.format.vmdk/target/classes:$repo/bundles/org.vdiskdoctor.format.vmdk/target/test-classes:$repo/bundles/org.vdiskdoctor.core/target/classes"
"$repo/vdisk-doctor" --version >/dev/null   # build the product first if needed

printf '%-12s %10s %10s %8s | %14s %14s %8s\n' image "ours (s)" "qemu (s)" ratio "ours in-proc" "qemu best" ratio
for run in sparse stream stream-deep; do
  name=${run%-deep}
  f="$work/$name.vmdk"
  deep=""; flag=""
  if [ "$run" != "$name" ]; then deep=deep; flag="--deep"; fi
  hyperfine -N -w 2 -r 5 -i --export-json "$work/$run.json" \
    "$repo/vdisk-doctor diagnose $flag --json $f" "qemu-img check -f vmdk $f" >/dev/null 2>&1
  read -r ours qemu qbest < <(python3 -c "import json;r=json.load(open('$work/$run.json'))['results'];print(r[0]['mean'],r[1]['mean'],min(r[1]['times']))")
  inproc=$("$java" -cp "$cp" org.vdiskdoctor.format.vmdk.internal.VmdkCheckBench "$f" 8 $deep \
    | sed -n 's/.*rounds \([0-9.]*\) ms.*/\1/p')
  python3 - "$run" "$ours" "$qemu" "$inproc" "$qbest" <<'PY'
import sys
run, ours, qemu, inproc, qbest = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]) / 1000, float(sys.argv[5])
print(f"{run:<12} {ours:10.3f} {qemu:10.3f} {qemu/ours:7.2f}x | {inproc:13.3f}s {qbest:13.3f}s {qbest/inproc:7.2f}x")
PY
done
echo "ratios > 1 mean we are faster (the in-process column is ours after warm-up vs qemu-img's best whole process)"
