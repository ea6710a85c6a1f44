#!/usr/bin/env bash
# SPDX-License-Identifier: EPL-2.0
#
# Start-up benchmark of the command line. Not a test and not run by CI.
#   releng/bench/startup-bench.sh [RUNS]       (default 15 runs after 3 warm-ups per variant)
# Measures with hyperfine, warm page cache, on the materialized CLI product:
#   1. the JVM alone (java -version) and the whole launcher: --version, a small diagnose (text and --json), with and
#      without the AOT cache (VDISK_DOCTOR_AOT=0 turns it off), and qemu-img check on the same small image;
#   2. the bare start (java -cp boot.jar:framework.jar Boot, no shell script) under each short-lived-JVM flag, to see
#      what each flag is worth (-XX:+UseTransparentHugePages needs /sys/kernel/mm/transparent_hugepage/enabled in
#      "madvise" mode; the launcher adds it only then);
#   3. a time line of one small diagnose: the JVM uptime at each step of the start (-Dvdiskdoctor.boot.trace=true),
#      median of 9 runs.
# Needs: a built product (./vdisk-doctor builds it), hyperfine, qemu-img. Results go to stdout; docs/benchmarks.md
# records a run. On a shared machine compare the user+sys CPU times as well as the wall times.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
runs="${1:-15}"
command -v hyperfine >/dev/null || { echo "missing: hyperfine" >&2; exit 1; }
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
java="$JAVA_HOME/bin/java"
product="$repo/releng/org.vdiskdoctor.product/target/products/org.vdiskdoctor.cli.product/linux/gtk/x86_64"
cd "$repo"
./vdisk-doctor diagnose samples/healthy.qcow2 >/dev/null # builds the product when needed; makes the kept state
boot=$(compgen -G "$product/plugins/org.vdiskdoctor.cli.boot_*.jar" | sort | tail -n1)
build=$(find "${XDG_CACHE_HOME:-$HOME/.cache}/vdisk-doctor" -mindepth 1 -maxdepth 1 -type d -newer "$boot" | head -n1)
[ -n "$build" ] || { echo "no kept state for this build in ${XDG_CACHE_HOME:-$HOME/.cache}/vdisk-doctor" >&2; exit 1; }
aot=$(compgen -G "$build/*.aot" | head -n1 || true)
bare=("$java" -Dvdiskdoctor.state="$build/state" -cp "$boot:$build/org.eclipse.osgi.jar" org.vdiskdoctor.cli.boot.Boot --version)
hf() { hyperfine -N -w 3 -r "$runs" --style basic "$@" 2>&1 | grep -E '^Benchmark|Time|Range'; }

echo "== 1. launcher, with and without the AOT cache (qemu-img for scale)"
hf "$java -version" \
  "env VDISK_DOCTOR_AOT=0 ./vdisk-doctor --version" "./vdisk-doctor --version" \
  "env VDISK_DOCTOR_AOT=0 ./vdisk-doctor diagnose samples/healthy.qcow2" \
  "./vdisk-doctor diagnose samples/healthy.qcow2" "./vdisk-doctor diagnose --json samples/healthy.qcow2" \
  "qemu-img check samples/healthy.qcow2"

echo "== 2. bare start, one flag at a time (AOT cache: ${aot:-none})"
aotflag=(); [ -n "$aot" ] && aotflag=(-XX:AOTCache="$aot")
hf "${bare[*]}" \
  "$java -XX:TieredStopAtLevel=1 ${bare[*]:1}" \
  "$java -XX:+UseSerialGC ${bare[*]:1}" \
  "$java -XX:-UsePerfData ${bare[*]:1}" \
  "$java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData ${bare[*]:1}" \
  "$java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData ${aotflag[*]} ${bare[*]:1}" \
  "$java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Djdk.reflect.useNativeAccessorOnly=true ${aotflag[*]} ${bare[*]:1}" \
  "$java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -XX:+UseTransparentHugePages ${aotflag[*]} ${bare[*]:1}" \
  "$java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Djdk.reflect.useNativeAccessorOnly=true -XX:+UseTransparentHugePages ${aotflag[*]} ${bare[*]:1}"

echo "== 3. time line of a small diagnose (JVM uptime in ms, median of 9 runs)"
for i in 1 2 3 4 5 6 7 8 9; do
  VDISK_DOCTOR_VMARGS=-Dvdiskdoctor.boot.trace=true ./vdisk-doctor diagnose samples/healthy.qcow2 2>&1 >/dev/null |
    sed -n 's/^boot: *\([0-9]*\) ms \(.*\)/\2\t\1/p'
done | python3 -c '
import sys, statistics, collections
steps = collections.OrderedDict()
for line in sys.stdin:
    step, ms = line.rstrip("\n").split("\t")
    steps.setdefault(step, []).append(int(ms))
for step, values in steps.items():
    print(f"{step:<24} {statistics.median(values):6.0f}")'
