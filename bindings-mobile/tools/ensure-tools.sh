# Sourced by scripts/build-mobile and scripts/test-mobile: makes sure the JVM tools the mobile
# binding needs are here, installing what is missing, and sets KOTLINC, KOTLIN_STDLIB, JNA_JAR.
#   kotlinc: npm's `kotlin-compiler` package at the pinned version below, unpacked once under
#            target/tools (reused while its version matches);
#   JNA:     Debian's `libjna-java` (/usr/share/java/jna.jar);
#   Java 17: expected on the machine (java, javac, jar).

# The kotlinc the JAR and the tests are compiled with; the JAR targets Kotlin 2.2
# (`-language-version 2.2 -api-version 2.2` in scripts/build-mobile), so apps on Kotlin 2.2 or
# later, or Java apps with kotlin-stdlib 2.2 or later, can use it.
KOTLIN_COMPILER_VERSION=2.4.20

ensure_mobile_tools() {
  local root tools
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  tools="$root/target/tools"
  for t in java javac jar; do
    command -v "$t" >/dev/null || { echo "ensure-tools: $t (Java 17) not found" >&2; return 1; }
  done
  if [ ! -x "$tools/kotlin-compiler/bin/kotlinc" ] \
    || [ "$(cat "$tools/kotlin-compiler/build.txt" 2>/dev/null)" != "$KOTLIN_COMPILER_VERSION" ]; then
    echo "ensure-tools: fetching kotlinc $KOTLIN_COMPILER_VERSION (npm package kotlin-compiler)"
    mkdir -p "$tools"
    rm -rf "$tools/package" "$tools/kotlin-compiler"
    (cd "$tools" && npm pack --silent "kotlin-compiler@$KOTLIN_COMPILER_VERSION" >/dev/null \
      && tar xzf kotlin-compiler-*.tgz && rm -f kotlin-compiler-*.tgz)
    mv "$tools/package" "$tools/kotlin-compiler"
    chmod +x "$tools/kotlin-compiler/bin/"*
  fi
  KOTLINC="$tools/kotlin-compiler/bin/kotlinc"
  KOTLIN_STDLIB="$tools/kotlin-compiler/lib/kotlin-stdlib.jar"
  JNA_JAR=/usr/share/java/jna.jar
  if [ ! -f "$JNA_JAR" ]; then
    echo "ensure-tools: installing libjna-java"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get install -y -q libjna-java >/dev/null 2>&1 \
      || { $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q libjna-java >/dev/null; }
  fi
  [ -f "$JNA_JAR" ] || { echo "ensure-tools: $JNA_JAR missing after install" >&2; return 1; }
  export KOTLINC KOTLIN_STDLIB JNA_JAR
}
