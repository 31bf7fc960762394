#!/usr/bin/env bash
# The inventory diff (sql/inventory-diff.sql, the text Athena runs) on DuckDB, in process, over two
# generated S3 Inventory tables of 10 M rows each. Prints generation time, then per run: the
# diff's time, rows per second, and the process's peak RSS. Goal: the diff within 30 s on 2 cores.
#
#   bash bench/inventory.sh [--rows N] [--threads N] [--memory-limit 4GB] [--runs N]
#
# Environment (optional): BENCH_JAVA_OPTS (default -Xmx1g: the tables live in DuckDB's native
# memory, not the heap), BENCH_MAVEN_ONLINE=1 to let Maven download what ~/.m2 lacks.
# It builds bench/ and what it needs with the Maven wrapper (never install; tests skipped).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

. .ci/jdk.sh
use_jdk25 "bench/inventory.sh"

maven_offline="-o"
if [ "${BENCH_MAVEN_ONLINE:-0}" = "1" ]; then maven_offline=""; fi
echo "bench/inventory.sh: building bench/ with $JAVA_HOME" >&2
./mvnw -q -B $maven_offline -pl bench -am package -DskipTests >&2
classpath="bench/target/classes:$(cat bench/target/classpath.txt)"

java_opts="${BENCH_JAVA_OPTS--Xmx1g}"
echo "bench/inventory.sh: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB RAM" >&2
# shellcheck disable=SC2086 # the options are words
"$JAVA_HOME/bin/java" $java_opts --enable-native-access=ALL-UNNAMED -Dslf4j.internal.verbosity=ERROR \
  -cp "$classpath" dev.cutover.bench.InventoryBench "$@"
