#!/usr/bin/env bash
# cdk.json's "app" command: build the Lambda zips and the CDK app with the Maven wrapper (tests
# skipped: `./mvnw verify` runs them), then run the app. The CDK CLI runs this from the repository
# root and reads the cloud assembly the app writes to $CDK_OUTDIR.
# Needs a JDK 25 (the Lambda java25 runtime): JAVA_HOME if it is one, else the default java if it
# is one, else the newest JDK 25+ under /usr/lib/jvm — as .ci/run chooses.
set -euo pipefail
cd "$(dirname "$0")/.."

. .ci/jdk.sh
use_jdk25 "infra/synth.sh"

# Maven's output goes to stderr: stdout belongs to the CDK CLI.
./mvnw -q -pl infra -am package -DskipTests >&2
exec "$JAVA_HOME/bin/java" -cp "infra/target/classes:$(cat infra/target/app.classpath)" dev.cutover.infra.CutoverApp "$@"
