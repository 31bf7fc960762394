#!/usr/bin/env bash
# cdk.json's "app" command: build the Lambda zips and the CDK app with the Maven wrapper (tests
# skipped: `./mvnw verify` runs them), then run the app. The CDK CLI runs this from the repository
# root and reads the cloud assembly the app writes to $CDK_OUTDIR.
# Needs a JDK 25 (the Lambda java25 runtime): JAVA_HOME if it is one, else the default java if it
# is one, else the newest JDK 25+ under /usr/lib/jvm — as .ci/run chooses.
set -euo pipefail
cd "$(dirname "$0")/.."

java_major() { # $1 = a java binary; prints its feature version, e.g. 25
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

pick_jdk() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    major=$(java_major "$JAVA_HOME/bin/java")
    if [ "${major:-0}" -ge 25 ]; then echo "$JAVA_HOME"; return; fi
  fi
  if command -v java >/dev/null 2>&1; then
    candidate=$(readlink -f "$(command -v java)")
    major=$(java_major "$candidate")
    if [ "${major:-0}" -ge 25 ]; then dirname "$(dirname "$candidate")"; return; fi
  fi
  for candidate in /usr/lib/jvm/*/bin/java; do
    [ -x "$candidate" ] || continue
    major=$(java_major "$candidate")
    if [ "${major:-0}" -ge 25 ] && [ "$major" -gt "$best_major" ]; then
      best=$(dirname "$(dirname "$(readlink -f "$candidate")")")
      best_major=$major
    fi
  done
  [ -n "$best" ] && echo "$best"
}

if ! JAVA_HOME=$(pick_jdk); then
  echo "infra/synth.sh: no JDK 25 or newer found (checked JAVA_HOME, the default java and /usr/lib/jvm/*). Install one, e.g. Temurin 25." >&2
  exit 1
fi
export JAVA_HOME

# Maven's output goes to stderr: stdout belongs to the CDK CLI.
./mvnw -q -pl infra -am package -DskipTests >&2
exec "$JAVA_HOME/bin/java" -cp "infra/target/classes:$(cat infra/target/app.classpath)" dev.cutover.infra.CutoverApp "$@"
