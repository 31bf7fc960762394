#!/usr/bin/env bash
# A whole rehearsal (cutover rehearse --auto-approve: local/rehearsal's RehearsalRun) of OBJECTS
# objects under RATE requests/s, timed phase by phase, against its peer measured in the same run on
# this machine: seeding the same objects into blue on a fresh LocalS3 and `rclone copy` of blue to
# green, the bare data movement a migration must do. Prints the wall time, the phases, the requests
# served and failed, the peer's time and the ratio. Goal (issue 7): 10 000 objects within 60 s, no
# request failed.
#
#   bash bench/rehearse.sh
#   OBJECTS=2000 bash bench/rehearse.sh
#
# Environment (all optional):
#   OBJECTS              objects seeded into blue, both sides (default 10000)
#   RATE                 the users' requests per second during the rehearsal (default 20)
#   SPEED                workflow time over wall time: the waits, deploys and the bake (default 50, as cutover rehearse)
#   SEED                 the asset set's and the traffic's seed (default 1)
#   TRANSFERS, CHECKERS  rclone copy --transfers / --checkers (default 8 and 8: the seeding's 8 threads)
#   RCLONE               the rclone binary (default /usr/bin/rclone, Debian's package `rclone`)
#   BENCH_JAVA_OPTS      JVM options of both sides (default none: the JVM's defaults, as cutover rehearse runs)
#   BENCH_JFR=1          record a JFR profile of the rehearsal (settings=profile) into bench/target/rehearsal/
#   BENCH_MAVEN_ONLINE=1 let Maven download what the local repository lacks (offline by default)
#
# It builds bench/ and what it needs with the Maven wrapper (never install; tests skipped), runs
# the peer in a JVM of its own, then the rehearsal in another. Everything it writes is under
# bench/target/rehearsal: results.json (every figure of both sides, the phases, the rehearsal's
# progress lines), peer.json, summary.txt (the table), peer/ (rclone's logs), reports/ (the
# rehearsal's report.html and rehearsal.html), *.stdout.log (the steps' logs).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

objects="${OBJECTS:-10000}"
rate="${RATE:-20}"
speed="${SPEED:-50}"
seed="${SEED:-1}"
transfers="${TRANSFERS:-8}"
checkers="${CHECKERS:-8}"
rclone="${RCLONE:-/usr/bin/rclone}"
java_opts="${BENCH_JAVA_OPTS:-}"
out="bench/target/rehearsal"

# ---------------------------------------------------------------- a JDK 25+, as .ci/run picks it

. .ci/jdk.sh
use_jdk25 "bench/rehearse.sh"
java="$JAVA_HOME/bin/java"

if [ ! -x "$rclone" ]; then
  echo "bench/rehearse.sh: no rclone at $rclone; install Debian's package (apt-get install rclone) or set RCLONE." >&2
  exit 1
fi

# ---------------------------------------------------------------- build (tests are not run here)

maven_offline="-o"
if [ "${BENCH_MAVEN_ONLINE:-0}" = "1" ]; then maven_offline=""; fi
echo "bench/rehearse.sh: building bench/ with $JAVA_HOME" >&2
./mvnw -q -B $maven_offline -pl bench -am package -DskipTests >&2
classpath="bench/target/classes:$(cat bench/target/classpath.txt)"

rm -rf "$out"
mkdir -p "$out"

# DuckDB (the local Athena) needs native access; Netty's jctools and S3Mock's Tomcat would warn on
# sun.misc.Unsafe; S3Mock's Tomcat logs its starts and stops (JUL, warnings only here). The steps log
# JSON lines to stdout (Powertools): warnings only, into a file.
common_opts=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Djava.net.preferIPv4Stack=true
  -Dslf4j.internal.verbosity=ERROR -Djava.util.logging.config.file=bench/rehearse-logging.properties)
export POWERTOOLS_LOG_LEVEL=WARN
jfr_opts=()
if [ "${BENCH_JFR:-0}" = "1" ]; then
  jfr_opts=("-XX:StartFlightRecording=settings=profile,filename=$out/rehearsal.jfr")
fi
echo "bench/rehearse.sh: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# ---------------------------------------------------------------- the peer: seed + rclone copy

echo "bench/rehearse.sh: peer: $objects objects seeded, then rclone copy blue -> green" >&2
# shellcheck disable=SC2086 # the options are words
"$java" "${common_opts[@]}" $java_opts -cp "$classpath" dev.cutover.bench.RehearsalBench peer \
  --objects "$objects" --seed "$seed" --rclone "$rclone" --transfers "$transfers" --checkers "$checkers" \
  --work "$out/peer" --out "$out/peer.json" > "$out/peer.stdout.log"

# ---------------------------------------------------------------- the rehearsal

echo "bench/rehearse.sh: rehearsal: $objects objects, $rate requests/s, workflow time x$speed" >&2
# shellcheck disable=SC2086
"$java" "${common_opts[@]}" $java_opts "${jfr_opts[@]}" -cp "$classpath" dev.cutover.bench.RehearsalBench rehearsal \
  --objects "$objects" --rate "$rate" --speed "$speed" --seed "$seed" --reports "$out/reports" \
  --peer "$out/peer.json" --out "$out/results.json" --summary "$out/summary.txt" > "$out/rehearsal.stdout.log" || status=$?

if [ -f "$out/summary.txt" ]; then
  cat "$out/summary.txt"
  echo "bench/rehearse.sh: raw results in $out/results.json" >&2
fi
exit "${status:-0}"
