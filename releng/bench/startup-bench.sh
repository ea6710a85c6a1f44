#!/usr/bin/env bash
# SPDX-License-Identifier: EPL-2.0
#
# Start-up benchmark of the command line. Not a test and not run by CI.
#   releng/bench/startup-bench.sh [RUNS]       (default 15 runs after 3 warm-ups per variant)
# Measures with hyperfine, warm page cache, on the materialized CLI product:
#   1. the JVM alone (java -version) and the whole launcher: --version and a small diagnose, with and without the
#      AOT cache (VDISK_DOCTOR_AOT=0 turns it off);
#   2. the bare product (java -jar the Equinox launcher, no shell script) under each short-lived-JVM flag, to see
#      what each flag is worth;
#   3. a time line of one --version run: the JVM uptime at which the classes that mark each stage load
#      (-Xlog:class+load), and how many classes were loaded in all and from the CDS/AOT archive.
# Needs: a built product (./vdisk-doctor builds it), hyperfine. Results go to stdout; docs/benchmarks.md records a
# run. On a shared machine compare the user+sys CPU times as well as the wall times.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
runs="${1:-15}"
command -v hyperfine >/dev/null || { echo "missing: hyperfine" >&2; exit 1; }
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
product="$repo/releng/org.vdiskdoctor.product/target/products/org.vdiskdoctor.cli.product/linux/gtk/x86_64"
cd "$repo"
./vdisk-doctor diagnose samples/healthy.qcow2 >/dev/null # builds the product when needed; the AOT cache (JDK 25)
launcher=$(compgen -G "$product/plugins/org.eclipse.equinox.launcher_*.jar" | sort | tail -n1)
bare=("$java" -jar "$launcher" -data @none --version)
hf() { hyperfine -N -w 3 -r "$runs" --style basic "$@" 2>&1 | grep -E '^Benchmark|Time|Range'; }

echo "== 1. launcher, with and without the AOT cache"
hf "$java -version" \
  "env VDISK_DOCTOR_AOT=0 ./vdisk-doctor --version" "./vdisk-doctor --version" \
  "env VDISK_DOCTOR_AOT=0 ./vdisk-doctor diagnose samples/healthy.qcow2" \
  "./vdisk-doctor diagnose samples/healthy.qcow2"

echo "== 2. bare product, one flag at a time"
hf "${bare[*]}" \
  "$java -XX:TieredStopAtLevel=1 ${bare[*]:1}" \
  "$java -XX:+UseSerialGC ${bare[*]:1}" \
  "$java -XX:-UsePerfData ${bare[*]:1}" \
  "$java -Xss512k ${bare[*]:1}" \
  "$java -Xshare:off ${bare[*]:1}" \
  "$java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData ${bare[*]:1}"

echo "== 3. time line of one --version run (JVM uptime when each class loads)"
log=$(mktemp); trap 'rm -f "$log"' EXIT
VDISK_DOCTOR_VMARGS="-Xlog:class+load:file=$log:uptime" ./vdisk-doctor --version >/dev/null
for c in org.eclipse.equinox.launcher.Main org.eclipse.core.runtime.adaptor.EclipseStarter \
         org.eclipse.osgi.container.ModuleContainer org.apache.felix.scr.impl.Activator \
         org.vdiskdoctor.cli.internal.CliApplication picocli.CommandLine 'org.vdiskdoctor.cli.VDiskDoctorCli\$Version'; do
  printf '%-55s %s\n' "$c" "$(grep -m1 " $c source" "$log" | cut -d' ' -f1)"
done
printf '%-55s %s\n' "(last class)" "$(tail -n1 "$log" | cut -d' ' -f1)"
printf 'classes loaded: %s, from the CDS/AOT archive: %s\n' "$(wc -l <"$log")" \
  "$(grep -c 'shared objects file' "$log" || true)"
