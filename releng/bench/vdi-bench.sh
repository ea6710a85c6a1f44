#!/usr/bin/env bash
# SPDX-License-Identifier: EPL-2.0
#
# VDI check benchmark: ours vs `qemu-img check -f vdi` on the same file. Not a test and not run by CI.
#   releng/bench/vdi-bench.sh [WORKDIR]      (default /tmp/vdd-bench; the image is sparse: a few MiB on disk)
# Makes a 4 TiB dynamic VDI with qemu-img, then byte surgery fills its block map (4,194,304 entries at 0x200) with
# data block indices 0..N-1 in guest order and sets cBlocksAllocated (0x184) = N, and extends the file (sparse) to
# hold the N data blocks: a fully allocated 4 TiB image without writing 4 TiB. qemu-img check and we then walk the
# same map. Measures
#   1. whole processes with hyperfine: ./vdisk-doctor diagnose vs qemu-img check (warm cache), and the ratio;
#   2. in process after warm-up: VdiCheckBench (ns per map entry) vs qemu-img's wall time minus its start-up on an
#      empty image, per entry, and the ratio.
# Needs: a built product (./vdisk-doctor builds it), the vdi bundle's test classes (./mvnw verify), qemu-utils,
# hyperfine, python3. Results go to stdout; docs/benchmarks.md records a run.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="${1:-/tmp/vdd-bench}"
mkdir -p "$work"
for t in qemu-img hyperfine python3; do command -v "$t" >/dev/null || { echo "missing: $t" >&2; exit 1; }; done
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"

f="$work/full4t.vdi"
if [ ! -f "$f" ]; then
  qemu-img create -q -f vdi "$f" 4T
  python3 - "$f" <<'PY'
import struct, sys
f = sys.argv[1]
with open(f, 'r+b') as h:
    hdr = h.read(0x200)
    off_map, off_data = struct.unpack_from('<II', hdr, 0x154)
    blocks, = struct.unpack_from('<I', hdr, 0x180)
    h.seek(off_map)
    h.write(struct.pack('<%dI' % blocks, *range(blocks)))
    h.seek(0x184)
    h.write(struct.pack('<I', blocks))
    h.truncate(off_data + blocks * (1 << 20))
PY
fi
qemu-img create -q -f vdi "$work/empty.vdi" 1M

cp="$repo/bundles/org.vdiskdoctor.format.vdi/target/classes:$repo/bundles/org.vdiskdoctor.format.vdi/target/test-classes:$repo/bundles/org.vdiskdoctor.core/target/classes"
"$repo/vdisk-doctor" --version >/dev/null   # build the product first if needed

q_start=$(hyperfine -N -w 3 -r 20 --export-json "$work/v0.json" "qemu-img check -f vdi $work/empty.vdi" >/dev/null 2>&1; \
  python3 -c "import json;print(json.load(open('$work/v0.json'))['results'][0]['mean'])")
hyperfine -N -w 2 -r 5 -i --export-json "$work/full4t.json" \
  "$repo/vdisk-doctor diagnose --json $f" "qemu-img check -f vdi $f" >/dev/null 2>&1
read -r ours qemu < <(python3 -c "import json;r=json.load(open('$work/full4t.json'))['results'];print(r[0]['mean'],r[1]['mean'])")
line=$("$java" -cp "$cp" org.vdiskdoctor.format.vdi.internal.VdiCheckBench "$f" 12 | tr '\n' ' ')
entries=$(sed -n 's/.* \([0-9]*\) map entries visited.*/\1/p' <<<"$line")
ns=$(sed -n 's/.*; \([0-9.]*\) ns per map entry (best).*/\1/p' <<<"$line")
python3 - "$ours" "$qemu" "$q_start" "$entries" "$ns" <<'PY'
import sys
ours, qemu, q0, entries, ns = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
qns = max(qemu - q0, 0) * 1e9 / entries
print(f"{'image':<12} {'ours (s)':>10} {'qemu (s)':>10} {'ratio':>7} | {'ours ns/entry':>14} {'qemu ns/entry':>14} {'ratio':>7}")
print(f"{'full4t.vdi':<12} {ours:10.3f} {qemu:10.3f} {qemu/ours:6.2f}x | {ns:14.1f} {qns:14.1f} {qns/ns:6.1f}x   ({entries} entries)")
PY
echo "qemu-img start-up (empty image): ${q_start}s; ratios > 1 mean we are faster"
