# Sourced by run.sh and test.sh: exports JAVA_HOME for a JDK 21 or newer, or explains what is missing.
# JAVA_HOME is tried first, then the usual JVM directories, then `java` on the PATH.

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
}

find_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/jdk* \
      "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    local major
    major=$(java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "No JDK 21 or newer found (looked at JAVA_HOME, /usr/lib/jvm, /opt and the java on the PATH)." >&2
  echo "Install one, e.g. Temurin 21 or 25, and point JAVA_HOME at it." >&2
  return 1
}
