#!/usr/bin/env bash
# SPDX-License-Identifier: EPL-2.0
#
# VHD check benchmark. Not a test and not run by CI.
#   releng/bench/vhd-bench.sh [WORKDIR]      (default /tmp/vdd-bench; the images are sparse: a few MiB on disk)
# qemu-img cannot check VHD ("This image format does not support checks"), so there is no ratio to qemu: the script
# prints our figures alone, with `qemu-img info -f vpc` (qemu's open: footer, dynamic header, BAT read) as the
# nearest reference. Makes two 2040 GiB dynamic VHDs with qemu-img (1,044,480 BAT entries of 2 MiB blocks): one
# empty, and one whose BAT byte surgery fills with every block allocated in guest order (each block: a one-sector
# bitmap and 2 MiB of data), the file extended sparsely to hold them and the footer copied to the new end. Measures
#   1. whole processes with hyperfine: ./vdisk-doctor diagnose, and qemu-img info (warm cache);
#   2. in process after warm-up: VhdCheckBench (open + check, best of 12): ns per BAT entry and ms per GiB of guest.
# Needs: a built product (./vdisk-doctor builds it), the vhd bundle's test classes (./mvnw verify), qemu-utils,
# hyperfine, python3. Results go to stdout; docs/benchmarks.md records a run.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="${1:-/tmp/vdd-bench}"
mkdir -p "$work"
for t in qemu-img hyperfine python3; do command -v "$t" >/dev/null || { echo "missing: $t" >&2; exit 1; }; done
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"

[ -f "$work/empty2t.vhd" ] || qemu-img create -q -f vpc -o subformat=dynamic "$work/empty2t.vhd" 2040G
f="$work/full2t.vhd"
if [ ! -f "$f" ]; then
  qemu-img create -q -f vpc -o subformat=dynamic "$f" 2040G
  python3 - "$f" <<'PY'
import struct, sys
f = sys.argv[1]
with open(f, 'r+b') as h:
    footer = h.read(512)                       # the head copy of the footer, the same as the tail one
    data_offset, = struct.unpack_from('>Q', footer, 16)
    h.seek(data_offset)
    dyn = h.read(1024)
    table, = struct.unpack_from('>Q', dyn, 16)
    entries, block = struct.unpack_from('>II', dyn, 28)
    first = (table + entries * 4 + 511) // 512  # first sector after the BAT
    per = 1 + block // 512                     # bitmap sector + data sectors
    h.seek(table)
    h.write(struct.pack('>%dI' % entries, *(first + i * per for i in range(entries))))
    end = (first + entries * per) * 512
    h.truncate(end)
    h.seek(end)
    h.write(footer)
PY
fi

cp="$repo/bundles/org.vdiskdoctor.format.vhd/target/classes:$repo/bundles/org.vdiskdoctor.format.vhd/target/test-classes:$repo/bundles/org.vdiskdoctor.core/target/classes"
"$repo/vdisk-doctor" --version >/dev/null   # build the product first if needed

printf '%-12s %10s %14s | %s\n' image "ours (s)" "qemu info (s)" "in process"
for name in empty2t full2t; do
  f="$work/$name.vhd"
  hyperfine -N -w 2 -r 5 -i --export-json "$work/$name.json" \
    "$repo/vdisk-doctor diagnose --json $f" "qemu-img info -f vpc $f" >/dev/null 2>&1
  read -r ours qemu < <(python3 -c "import json;r=json.load(open('$work/$name.json'))['results'];print(r[0]['mean'],r[1]['mean'])")
  line=$("$java" -cp "$cp" org.vdiskdoctor.format.vhd.internal.VhdCheckBench "$f" 12 | tr '\n' ' ')
  python3 -c "import sys;print(f'{sys.argv[1]:<12} {float(sys.argv[2]):10.3f} {float(sys.argv[3]):14.3f} | {sys.argv[4]}')" \
    "$name" "$ours" "$qemu" "$line"
done
echo "qemu-img cannot check VHD: 'qemu info' is its open (footer, header, BAT), for scale only"
