# Sourced by .ci/run, infra/synth.sh and bench/*.sh (from the repository root): finds a JDK 25 or
# newer, which the build needs (the Lambda java25 runtime), the same way everywhere.
#   use_jdk25 NAME   exports JAVA_HOME: JAVA_HOME if it is 25+, else the default java if it is,
#                    else the newest JDK 25+ under /usr/lib/jvm; or says so, as NAME, and exits 1.

java_major() { # $1 = path to a java binary; prints its feature version, e.g. 25
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

use_jdk25() { # $1 = the script's name, for the message
  local found
  if ! found=$(pick_jdk) || [ -z "$found" ]; then
    echo "$1: no JDK 25 or newer found (checked JAVA_HOME, the default java and /usr/lib/jvm/*)." >&2
    echo "Install one, e.g. Temurin 25, and run again." >&2
    exit 1
  fi
  export JAVA_HOME="$found"
}
