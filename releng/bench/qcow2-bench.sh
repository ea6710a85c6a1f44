#!/usr/bin/env bash
# SPDX-License-Identifier: EPL-2.0
#
# QCOW2 check benchmark: ours vs `qemu-img check` on the same files. Not a test and not run by CI.
#   releng/bench/qcow2-bench.sh [WORKDIR]      (default /tmp/vdd-bench; needs ~4.5 GiB free, sparse)
# Makes the images with qemu-img/qemu-io (64 KiB, 4 KiB and 512 B clusters with 1 GiB written; 60 snapshots over
# 256 MiB and over 1 GiB written), then measures
#   1. whole processes with hyperfine: ./vdisk-doctor diagnose vs qemu-img check (warm cache), and the ratio;
#   2. in process after warm-up: Qcow2CheckBench (ns per L2 entry) vs qemu-img's time per L2 entry (its wall time
#      minus its start-up on an empty image, divided by the same entry count), and the ratio.
# Needs: a built product (./vdisk-doctor builds it), the qcow2 bundle's test classes (./mvnw verify), qemu-utils,
# hyperfine. Results go to stdout; docs/benchmarks.md records a run.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="${1:-/tmp/vdd-bench}"
mkdir -p "$work"
for t in qemu-img qemu-io hyperfine; do command -v "$t" >/dev/null || { echo "missing: $t" >&2; exit 1; }; done
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"

make() { # name cluster virtual written
  local f="$work/$1.qcow2"
  [ -f "$f" ] && return 0
  qemu-img create -q -f qcow2 -o cluster_size="$2" "$f" "$3"
  qemu-io -f qcow2 -c "write -q -P 0x5a 0 $4" "$f" >/dev/null
}
make c64k 65536 8G 1G
make c4k 4096 2G 1G
make c512 512 2G 1G
snapshots() { # name virtual written-MiB: 4 KiB clusters, the data written, then 60 snapshots, 1 MiB written after each
  local f="$work/$1.qcow2" i
  [ -f "$f" ] && return 0
  qemu-img create -q -f qcow2 -o cluster_size=4096 "$f" "$2"
  qemu-io -f qcow2 -c "write -q -P 1 0 $3M" "$f" >/dev/null
  for i in $(seq 1 60); do
    qemu-img snapshot -c "s$i" "$f"
    qemu-io -f qcow2 -c "write -q -P $((i % 250 + 2)) $(( (i * $3 / 64) % $3 ))M 1M" "$f" >/dev/null
  done
}
snapshots snap60 1G 256
# The heavy snapshot image: as much data as the others (1 GiB) under 60 snapshots. qemu-img walks every snapshot's
# L1 and its L2 tables again (61 x 262,144 entries); we read each shared L2 table once.
snapshots snap60x1g 2G 1024
qemu-img create -q -f qcow2 "$work/empty.qcow2" 1M

cp="$repo/bundles/org.vdiskdoctor.format.qcow2/target/classes:$repo/bundles/org.vdiskdoctor.format.qcow2/target/test-classes:$repo/bundles/org.vdiskdoctor.core/target/classes"
cp="$cp:$(ls "$HOME"/.m2/repository/com/github/luben/zstd-jni/*/zstd-jni-*.jar | grep -v sources | head -n1)"
"$repo/vdisk-doctor" --version >/dev/null   # build the product first if needed

q_start=$(hyperfine -N -w 3 -r 20 --export-json "$work/q0.json" "qemu-img check -f qcow2 $work/empty.qcow2" >/dev/null 2>&1; \
  python3 -c "import json;print(json.load(open('$work/q0.json'))['results'][0]['mean'])")
printf '%-14s %12s %12s %8s | %14s %14s %8s\n' image "ours (s)" "qemu (s)" ratio "ours ns/L2e" "qemu ns/L2e" ratio
for name in c64k c4k c512 snap60 snap60x1g; do
  f="$work/$name.qcow2"
  hyperfine -N -w 2 -m 5 -i --export-json "$work/$name.json" \
    "$repo/vdisk-doctor diagnose --json $f" "qemu-img check -f qcow2 $f" >/dev/null 2>&1
  read -r ours qemu < <(python3 -c "import json;r=json.load(open('$work/$name.json'))['results'];print(r[0]['mean'],r[1]['mean'])")
  line=$("$java" -cp "$cp" org.vdiskdoctor.format.qcow2.internal.Qcow2CheckBench "$f" 12 | tr '\n' ' ')
  entries=$(sed -n 's/.* \([0-9]*\) L2 entries visited.*/\1/p' <<<"$line")
  ns=$(sed -n 's/.*; \([0-9.]*\) ns per L2 entry (best).*/\1/p' <<<"$line")
  python3 - "$name" "$ours" "$qemu" "$q_start" "$entries" "$ns" <<'PY'
import sys
name, ours, qemu, q0, entries, ns = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5] or 0), sys.argv[6]
qns = max(qemu - q0, 0) * 1e9 / entries if entries else float('nan')
ours_ns = float(ns) if ns else float('nan')
print(f"{name:<14} {ours:12.3f} {qemu:12.3f} {qemu/ours:7.2f}x | {ours_ns:14.1f} {qns:14.1f} {qns/ours_ns:7.1f}x   ({entries} L2 entries)")
PY
done
echo "qemu-img start-up (empty image): ${q_start}s; ratios > 1 mean we are faster"
