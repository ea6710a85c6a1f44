#!/usr/bin/env bash
# SPDX-License-Identifier: EPL-2.0
#
# VHDX check benchmark: ours vs `qemu-img check` on the same files. Not a test and not run by CI.
#   releng/bench/vhdx-bench.sh [WORKDIR]      (default /tmp/vdd-bench; sparse, ~1.1 GiB on disk)
# qemu-img check on VHDX only opens the image (headers, region tables, metadata, log) and never walks the BAT, so
# the two do different amounts of work: the ratio says what our full BAT walk costs next to qemu's open.
# Measures
#   1. whole processes with hyperfine: ./vdisk-doctor diagnose vs qemu-img check (warm cache), and the ratio;
#   2. in process after warm-up: VhdxCheckBench (open + check, best of 12, ns per BAT entry).
# Needs: a built product (./vdisk-doctor builds it), the vhdx bundle's test classes (./mvnw verify), qemu-utils,
# hyperfine. Results go to stdout.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="${1:-/tmp/vdd-bench}"
mkdir -p "$work"
for t in qemu-img qemu-io hyperfine; do command -v "$t" >/dev/null || { echo "missing: $t" >&2; exit 1; }; done
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"

make() { # name block virtual written
  local f="$work/$1.vhdx"
  [ -f "$f" ] && return 0
  qemu-img create -q -f vhdx -o block_size="$2" "$f" "$3"
  qemu-io -f vhdx -c "write -q -P 0x5a 0 $4" "$f" >/dev/null
}
make b1m-1t 1M 1T 1G      # 1,048,576 payload entries (+256 sector-bitmap entries), 1024 present
make b32m-64g 32M 64G 1G  # 2048 entries
cp="$repo/bundles/org.vdiskdoctor.format.vhdx/target/classes:$repo/bundles/org.vdiskdoctor.format.vhdx/target/test-classes:$repo/bundles/org.vdiskdoctor.core/target/classes"
"$repo/vdisk-doctor" --version >/dev/null   # build the product first if needed

printf '%-10s %12s %12s %8s | %s\n' image "ours (s)" "qemu (s)" ratio "in process"
for name in b1m-1t b32m-64g; do
  f="$work/$name.vhdx"
  hyperfine -N -w 2 -r 5 -i --export-json "$work/$name.json" \
    "$repo/vdisk-doctor diagnose --json $f" "qemu-img check -f vhdx $f" >/dev/null 2>&1
  read -r ours qemu < <(python3 -c "import json;r=json.load(open('$work/$name.json'))['results'];print(r[0]['mean'],r[1]['mean'])")
  line=$("$java" -cp "$cp" org.vdiskdoctor.format.vhdx.internal.VhdxCheckBench "$f" 12 | tr '\n' ' ')
  python3 -c "import sys;o,q=float(sys.argv[2]),float(sys.argv[3]);print(f'{sys.argv[1]:<10} {o:12.3f} {q:12.3f} {q/o:7.2f}x | {sys.argv[4]}')" \
    "$name" "$ours" "$qemu" "$line"
done
echo "ratios > 1 mean we are faster; qemu-img does not walk the BAT"
