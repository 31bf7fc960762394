#!/usr/bin/env bash
# Our verification (lambdas/verify) against `rclone check`, both measured now, in the same run, on
# the same two buckets of the same S3 server on this machine; and our listing diff over a synthetic
# million-object listing in a JVM capped at -Xmx256m. Prints a table (objects/s, ratios, peak heap)
# and the goals met or not.
#
#   bash bench/verify.sh
#   bash bench/verify.sh probe [N]    how the server was chosen: the candidates' PUT, list and HEAD
#                                     rates at N objects (default 20000); see ServerProbe
#
# Environment (all optional):
#   OBJECTS              objects in the blue bucket (default 100000; green differs in ~3.5 %)
#   KEYS                 keys given to the per-object verify (default 10000, spread over the bucket)
#   WARMUP, REPS         untimed and timed runs of every listing and per-object measure (default 1 and 3)
#   STEP_REPS            timed runs of the whole step in listing mode (default 1; it is the slowest)
#   CHECKERS             rclone --checkers (default 8: our step's concurrency, and rclone's default)
#   SYNTHETIC_OBJECTS    objects of the synthetic listing (default 1000000)
#   SYNTHETIC_HEAP       -Xmx of the synthetic runs (default 256m, the goal)
#   BENCH_JAVA_OPTS      JVM options of our side (default -Xms1g -Xmx1g)
#   SERVER_JAVA_OPTS     JVM options of the S3 server (default -Xms3g -Xmx3g: it holds both buckets)
#   RCLONE               the rclone binary (default /usr/bin/rclone, Debian's package `rclone`)
#   BENCH_MAVEN_ONLINE=1 let Maven download what the local repository lacks (offline by default)
#
# It builds bench/ and what it needs with the Maven wrapper (never install; tests skipped), runs
# the synthetic runs, starts the S3 server (bench's BenchS3Server: local-s3 in memory, on
# 127.0.0.1, seeded in process) in a JVM of its own, runs the benchmark, and stops the server by
# its PID. Everything it writes is under bench/target/verify: results.json (every timed run),
# synthetic-*.json, gc-*.log (the synthetic runs' GC logs), server.json and server.log, and
# work/ (rclone's --combined reports and logs, the key list).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

objects="${OBJECTS:-100000}"
keys="${KEYS:-10000}"
warmup="${WARMUP:-1}"
reps="${REPS:-3}"
step_reps="${STEP_REPS:-1}"
checkers="${CHECKERS:-8}"
synthetic_objects="${SYNTHETIC_OBJECTS:-1000000}"
synthetic_heap="${SYNTHETIC_HEAP:-256m}"
java_opts="${BENCH_JAVA_OPTS--Xms1g -Xmx1g}"
server_java_opts="${SERVER_JAVA_OPTS--Xms3g -Xmx3g}"
rclone="${RCLONE:-/usr/bin/rclone}"
out="bench/target/verify"

# ---------------------------------------------------------------- a JDK 25+, as .ci/run picks it

. .ci/jdk.sh
use_jdk25 "bench/verify.sh"
java="$JAVA_HOME/bin/java"

if [ "${1:-}" != "probe" ] && [ ! -x "$rclone" ]; then
  echo "bench/verify.sh: no rclone at $rclone; install Debian's package (apt-get install rclone) or set RCLONE." >&2
  exit 1
fi

# ---------------------------------------------------------------- build (tests are not run here)

maven_offline="-o"
if [ "${BENCH_MAVEN_ONLINE:-0}" = "1" ]; then maven_offline=""; fi
echo "bench/verify.sh: building bench/ with $JAVA_HOME" >&2
./mvnw -q -B $maven_offline -pl bench -am package -DskipTests >&2
classpath="bench/target/classes:$(cat bench/target/classpath.txt)"

# Quiet: Netty's jctools warns about sun.misc.Unsafe, Netty's leak detector reports local-s3's own
# buffer leaks (on its PUT path) as ERROR logs, and the steps' INFO logs are not wanted here.
common_opts=(--sun-misc-unsafe-memory-access=allow -Djava.net.preferIPv4Stack=true -Dio.netty.leakDetection.level=disabled)
export POWERTOOLS_LOG_LEVEL=WARN

if [ "${1:-}" = "probe" ]; then
  # shellcheck disable=SC2086
  exec "$java" "${common_opts[@]}" $server_java_opts -cp "$classpath" dev.cutover.verify.ServerProbe "${2:-20000}"
fi

rm -rf "$out"
mkdir -p "$out/work"

# ---------------------------------------------------------------- 1 M objects, no server, capped heap

synthetic=()
for mode in merge step; do
  echo "bench/verify.sh: synthetic $mode, $synthetic_objects objects, -Xmx$synthetic_heap" >&2
  "$java" "${common_opts[@]}" "-Xmx$synthetic_heap" "-Xlog:gc*:file=$out/gc-$mode.log" -cp "$classpath" \
    dev.cutover.verify.SyntheticVerifyBench --objects "$synthetic_objects" --mode "$mode" \
    --out "$out/synthetic-$mode.json"
  synthetic+=(--synthetic "$out/synthetic-$mode.json")
done

# ---------------------------------------------------------------- the S3 server, in its own JVM

echo "bench/verify.sh: starting the S3 server and seeding $objects objects per bucket" >&2
# shellcheck disable=SC2086 # the options are words
"$java" "${common_opts[@]}" $server_java_opts -cp "$classpath" dev.cutover.verify.BenchS3Server \
  --objects "$objects" --ready "$out/server.json" > "$out/server.log" 2>&1 &
server_pid=$!
stop_server() {
  if kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
}
trap stop_server EXIT

for _ in $(seq 600); do
  [ -f "$out/server.json" ] && break
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "bench/verify.sh: the S3 server stopped before it was ready; see $out/server.log" >&2
    exit 1
  fi
  sleep 0.5
done
if [ ! -f "$out/server.json" ]; then
  echo "bench/verify.sh: the S3 server was not ready after 300 s; see $out/server.log" >&2
  exit 1
fi
endpoint=$(sed -n 's/^ *"endpoint" *: *"\([^"]*\)".*/\1/p' "$out/server.json")
echo "bench/verify.sh: S3 server ready at $endpoint" >&2

# ---------------------------------------------------------------- ours and rclone, rep by rep

# Our side is configured as a local run configures a step: endpoint, region and keys in the environment.
# shellcheck disable=SC2086
env -u AWS_PROFILE -u AWS_SESSION_TOKEN -u AWS_ENDPOINT_URL \
  AWS_ENDPOINT_URL_S3="$endpoint" AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench \
  "$java" "${common_opts[@]}" $java_opts -cp "$classpath" dev.cutover.verify.VerifyBench \
  --ready "$out/server.json" --rclone "$rclone" --work "$out/work" --keys "$keys" \
  --warmup "$warmup" --reps "$reps" --step-reps "$step_reps" --checkers "$checkers" \
  "${synthetic[@]}" --out "$out/results.json"
