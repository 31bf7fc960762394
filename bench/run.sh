#!/usr/bin/env bash
# State transitions per second of the local ASL engine against aws-local-stepfunctions (npm), both
# measured now, one after the other, on this machine, on the same definition and input files
# (bench/definitions). Prints a table: definition, ours, the peer's, and the ratio.
#
#   bash bench/run.sh [NAME...]        NAME: a definition under bench/definitions (default: all)
#
# Environment (all optional):
#   WARMUP, REPS          untimed and timed runs per definition, both engines (default 15 and 10)
#   BENCH_JAVA_OPTS       JVM options (default -Xms2g -Xmx2g: a fixed heap, so no run pays for resizing)
#   BENCH_NODE_OPTS       node options (default --max-semi-space-size=64: V8's young generation
#                         grown to the same end; run both with '' to compare the defaults)
#   BENCH_MAVEN_ONLINE=1  let Maven download what the local repository lacks (offline by default)
#
# It builds bench/ and what it needs with the Maven wrapper (never install), installs Node 22 and
# aws-local-stepfunctions 3.0.0 from bench/peer/package-lock.json into bench/target/peer (ignored
# by git) when they are missing, and writes both engines' raw results to bench/target/*.json.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

warmup="${WARMUP:-15}"
reps="${REPS:-10}"
java_opts="${BENCH_JAVA_OPTS--Xms2g -Xmx2g}"
node_opts="${BENCH_NODE_OPTS---max-semi-space-size=64}"
definitions="bench/definitions"
peer_dir="bench/target/peer"

if [ "$#" -gt 0 ]; then
  names=("$@")
else
  names=()
  for file in "$definitions"/*.asl.json; do
    names+=("$(basename "$file" .asl.json)")
  done
fi
for name in "${names[@]}"; do
  if [ ! -f "$definitions/$name.asl.json" ] || [ ! -f "$definitions/$name.input.json" ]; then
    echo "bench/run.sh: no $definitions/$name.asl.json with its $name.input.json" >&2
    exit 2
  fi
done

# ---------------------------------------------------------------- a JDK 25+, as .ci/run picks it

. .ci/jdk.sh
use_jdk25 "bench/run.sh"

# ---------------------------------------------------------------- build (tests are not run here)

maven_offline="-o"
if [ "${BENCH_MAVEN_ONLINE:-0}" = "1" ]; then maven_offline=""; fi
echo "bench/run.sh: building bench/ with $JAVA_HOME" >&2
./mvnw -q -B $maven_offline -pl bench -am package -DskipTests >&2
classpath="bench/target/classes:$(cat bench/target/classpath.txt)"

# ---------------------------------------------------------------- the peer, installed once

node="$peer_dir/node_modules/.bin/node"
if [ ! -x "$node" ] || [ ! -f "$peer_dir/node_modules/aws-local-stepfunctions/package.json" ] ||
  ! cmp -s bench/peer/package-lock.json "$peer_dir/package-lock.json"; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "bench/run.sh: npm is needed once, to install Node 22 and aws-local-stepfunctions into $peer_dir" >&2
    exit 1
  fi
  echo "bench/run.sh: installing the peer (Node 22, aws-local-stepfunctions 3.0.0) into $peer_dir" >&2
  mkdir -p "$peer_dir"
  cp bench/peer/package.json bench/peer/package-lock.json "$peer_dir/"
  (cd "$peer_dir" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi

# ---------------------------------------------------------------- both engines, one after the other

echo "bench/run.sh: peer: ${names[*]} ($warmup warm-up + $reps timed runs each)" >&2
# shellcheck disable=SC2086 # the options are words
"$node" $node_opts bench/peer/run-peer.mjs --modules "$peer_dir/node_modules" --definitions "$definitions" \
  --warmup "$warmup" --reps "$reps" "${names[@]}" > bench/target/peer-results.json

echo "bench/run.sh: ours: ${names[*]}" >&2
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" $java_opts -Dslf4j.internal.verbosity=ERROR -cp "$classpath" dev.cutover.bench.EngineBench \
  --definitions "$definitions" --warmup "$warmup" --reps "$reps" \
  --peer bench/target/peer-results.json --out bench/target/ours-results.json "${names[@]}"
