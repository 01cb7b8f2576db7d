#!/usr/bin/env bash
# dev.sh: one entry point to build, run and test Trellis from a fresh checkout.
#
#   packaging/dev.sh run [PATH] [ARGS...]   build trellis-gui and open PATH (the demo workspace if no PATH)
#   packaging/dev.sh test [CTEST_ARGS...]   build everything and run the whole test suite (ctest)
#   packaging/dev.sh bench [ARGS...]        build everything and run every bench_* executable
#   packaging/dev.sh screenshot FILE [ARGS...]
#                                           render trellis-gui under xvfb-run into FILE
#   packaging/dev.sh package [GENERATORS]   build everything and run cpack (default "DEB;TGZ")
#                                           into build/<preset>/packages; see docs/packaging.md
#   packaging/dev.sh fuzz [SECONDS]          build the `fuzz` preset (clang, libFuzzer + ASan/UBSan on every
#                                           library) and run each tests/fuzz target for SECONDS (default 60),
#                                           one after the other; prints executions, coverage and findings
#
# Every subcommand first runs packaging/install-deps.sh (a fraction of a second when
# everything is present), configures build/<preset> with `cmake --preset` only if it has
# never been configured, and then runs `cmake --build`. Ninja re-runs CMake by itself when
# a CMakeLists.txt changes, so the second run is incremental.
#
# Environment:
#   CMAKE_BUILD_PARALLEL_LEVEL  build jobs (default 2); also the default for ctest -j
#   CTEST_PARALLEL_LEVEL        test jobs (default: CMAKE_BUILD_PARALLEL_LEVEL)
#   TRELLIS_PRESET              configure/build/test preset (default dev; `test` needs dev or asan)
#   CI=true                     print the ccache statistics after `test`
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PRESET="${TRELLIS_PRESET:-dev}"
BUILD="$ROOT/build/$PRESET"
export CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-2}"
# Let ccache reuse objects between checkouts in different folders (CI clones afresh).
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$ROOT}"
export CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-true}"
GUI="$BUILD/app/trellis-gui"

step() { printf '==> %s\n' "$*"; }
fail() {
  # fail MESSAGE [COMMAND]: print what went wrong and the command to run by hand, then exit.
  printf 'dev.sh: error: %s\n' "$1" >&2
  if [[ $# -ge 2 ]]; then
    printf 'dev.sh: run by hand: %s\n' "$2" >&2
  fi
  exit 1
}
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; }

deps() {
  local extra=()
  [[ "$PRESET" == fuzz ]] && extra+=(--fuzz)
  "$ROOT/packaging/install-deps.sh" "${extra[@]}" \
    || fail "installing dependencies failed" "packaging/install-deps.sh"
}

# Configure only when build/<preset> has never been configured (or the last configure
# failed before writing build.ninja). Later changes are picked up by Ninja's re-run rule.
configure() {
  if [[ -f "$BUILD/CMakeCache.txt" && -f "$BUILD/build.ninja" ]]; then
    return
  fi
  step "configure: cmake --preset $PRESET ($BUILD)"
  (cd "$ROOT" && cmake --preset "$PRESET") >"$ROOT/build/configure-$PRESET.log" 2>&1 || {
    tail -n 30 "$ROOT/build/configure-$PRESET.log" >&2
    fail "configure failed (full log: build/configure-$PRESET.log)" "cd $ROOT && cmake --preset $PRESET"
  }
}

# build [TARGET...]: incremental build with CMAKE_BUILD_PARALLEL_LEVEL jobs.
build() {
  mkdir -p "$ROOT/build"
  configure
  local start=$SECONDS targets=()
  [[ $# -gt 0 ]] && targets=(--target "$@")
  step "build: cmake --build build/$PRESET${targets[*]:+ ${targets[*]}} (-j $CMAKE_BUILD_PARALLEL_LEVEL)"
  cmake --build "$BUILD" "${targets[@]}" \
    || fail "build failed" "cmake --build $BUILD ${targets[*]}"
  step "build: done in $((SECONDS - start)) s"
}

cmd_run() {
  deps
  build trellis-gui
  local args=()
  if [[ $# -gt 0 && "$1" != -* ]]; then
    args+=("$1"); shift
  else
    args+=(--demo)
  fi
  args+=("$@")
  if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" && -z "${QT_QPA_PLATFORM:-}" ]]; then
    step "note: no DISPLAY or WAYLAND_DISPLAY; use \`packaging/dev.sh screenshot FILE\` on a headless machine"
  fi
  step "run: build/$PRESET/app/trellis-gui ${args[*]}"
  exec "$GUI" "${args[@]}"
}

cmd_test() {
  deps
  build
  local log="$BUILD/Testing/dev-sh-ctest.log" rc=0
  local jobs="${CTEST_PARALLEL_LEVEL:-$CMAKE_BUILD_PARALLEL_LEVEL}"
  mkdir -p "$BUILD/Testing"
  step "test: ctest --preset $PRESET -j $jobs (QT_QPA_PLATFORM=offscreen)"
  (cd "$ROOT" && QT_QPA_PLATFORM=offscreen ctest --preset "$PRESET" -j "$jobs" --no-tests=error "$@") \
    2>&1 | tee "$log" || rc=$?
  if [[ "${CI:-}" == true ]] && command -v ccache >/dev/null 2>&1; then
    step "ccache: $(ccache -s | grep -m1 -E '^ *Hits:' | sed 's/^ *//')"
  fi
  local summary
  summary="$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n1 || true)"
  step "test: ${summary:-no ctest summary (see $log)}"
  return "$rc"
}

cmd_bench() {
  deps
  build
  local benches=() failed=() b
  if [[ -d "$BUILD/tests/bench" ]]; then
    mapfile -t benches < <(find "$BUILD/tests/bench" -path '*/CMakeFiles' -prune -o \
                                -type f -name 'bench_*' -perm -u+x -print | sort)
  fi
  if [[ ${#benches[@]} -eq 0 ]]; then
    step "bench: no bench_* executables under build/$PRESET/tests/bench"
    return 0
  fi
  for b in "${benches[@]}"; do
    step "bench: ${b#"$BUILD"/} $*"
    "$b" "$@" || failed+=("$(basename "$b")")
  done
  if [[ ${#failed[@]} -gt 0 ]]; then
    fail "benchmarks failed: ${failed[*]}"
  fi
  step "bench: ${#benches[@]} benchmark executable(s) ran"
}

cmd_screenshot() {
  [[ $# -ge 1 ]] || fail "screenshot needs an output file" "packaging/dev.sh screenshot out.png [ARGS...]"
  local file="$1"; shift
  deps
  build trellis-gui
  step "screenshot: xvfb-run build/$PRESET/app/trellis-gui --screenshot $file $*"
  QT_QPA_PLATFORM=xcb xvfb-run -a -s '-screen 0 1600x1000x24' "$GUI" --screenshot "$file" "$@" \
    || fail "screenshot failed" "xvfb-run -a $GUI --screenshot $file $*"
  [[ -f "$file" ]] || fail "trellis-gui exited without writing $file"
  step "screenshot: wrote $file"
}

cmd_package() {
  local generators="${1:-DEB;TGZ}" out="$BUILD/packages"
  deps
  build
  mkdir -p "$out"
  step "package: cpack -G \"$generators\" -B build/$PRESET/packages"
  (cd "$BUILD" && cpack -G "$generators" -B "$out" --config "$BUILD/CPackConfig.cmake") \
    || fail "cpack failed" "cd $BUILD && cpack -G \"$generators\" -B $out"
  find "$out" -maxdepth 1 -type f \( -name '*.deb' -o -name '*.tar.gz' \) -newer "$BUILD/CPackConfig.cmake" \
    -printf '==> package: %p\n'
}

cmd_fuzz() {
  local seconds="${1:-60}"
  [[ "$seconds" =~ ^[0-9]+$ ]] || fail "fuzz takes a number of seconds, not '$seconds'" "packaging/dev.sh fuzz 600"
  PRESET=fuzz
  BUILD="$ROOT/build/fuzz"
  deps
  local targets=() src t
  for src in "$ROOT"/tests/fuzz/fuzz_*.cpp; do
    t="$(basename "$src" .cpp)"
    targets+=("$t")
  done
  [[ ${#targets[@]} -gt 0 ]] || fail "no fuzz targets under tests/fuzz"
  build "${targets[@]}"
  # New inputs go to build/fuzz/corpus/<name> (the committed seeds in tests/fuzz/corpus are
  # only read); crashes, leaks and timeouts to build/fuzz/findings/<name>/.
  local summary=() found=0 name work findings log runs cov ft n
  for t in "${targets[@]}"; do
    name="${t#fuzz_}"
    work="$BUILD/corpus/$name"
    findings="$BUILD/findings/$name"
    log="$BUILD/findings/$name.log"
    mkdir -p "$work" "$findings" "$ROOT/tests/fuzz/corpus/$name"
    step "fuzz: $t for ${seconds}s (log: build/fuzz/findings/$name.log)"
    "$BUILD/tests/fuzz/$t" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 \
      -artifact_prefix="$findings/" "$work" "$ROOT/tests/fuzz/corpus/$name" >"$log" 2>&1 || true
    runs="$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' | tail -n1)"
    cov="$(grep -Eo 'cov: [0-9]+' "$log" | tail -n1 | grep -Eo '[0-9]+')"
    ft="$(grep -Eo 'ft: [0-9]+' "$log" | tail -n1 | grep -Eo '[0-9]+')"
    n="$(find "$findings" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)"
    found=$((found + n))
    summary+=("$(printf '%-20s %12s execs  cov %-6s ft %-7s findings %s' "$t" "${runs:-?}" "${cov:-?}" "${ft:-?}" "$n")")
  done
  step "fuzz: summary (${seconds}s per target)"
  printf '    %s\n' "${summary[@]}"
  if [[ $found -gt 0 ]]; then
    fail "$found finding(s) under build/fuzz/findings; reproduce with build/fuzz/tests/fuzz/<target> <file>"
  fi
}

[[ $# -ge 1 ]] || { usage; exit 2; }
sub="$1"; shift
case "$sub" in
  run) cmd_run "$@" ;;
  test) cmd_test "$@" ;;
  bench) cmd_bench "$@" ;;
  screenshot) cmd_screenshot "$@" ;;
  package) cmd_package "$@" ;;
  fuzz) cmd_fuzz "$@" ;;
  -h|--help|help) usage ;;
  *) usage >&2; fail "unknown subcommand '$sub'" "packaging/dev.sh --help" ;;
esac
