#!/usr/bin/env bash
# install-deps.sh: make a Debian 12 machine ready to build and test Trellis.
#
# It runs in two steps, and each one does nothing when its work is already done:
#   1. Debian packages. Each one is checked with dpkg-query, and only the missing ones are
#      installed. `apt-get update` runs only when something is missing.
#   2. KSyntaxHighlighting built for Qt 6. If the system has KF6SyntaxHighlighting, nothing
#      is done. If .deps/install already has a Qt 6 build, nothing is done. Otherwise the
#      script builds KSyntaxHighlighting 5.116 from the trixie source tarball into
#      .deps/install (about 50 s on 2 cores). See docs/building.md.
#
# The system's apt configuration (/etc/apt) is never changed. The trixie download uses a
# private apt configuration under .deps/apt.
#
# Usage: packaging/install-deps.sh [--fuzz]
#   --fuzz   also install clang and libclang-rt-14-dev (for the `fuzz` preset)
# Environment: TRELLIS_DEPS_DIR overrides .deps (used to test this script),
#              CMAKE_BUILD_PARALLEL_LEVEL sets the build jobs (default 2).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEPS="${TRELLIS_DEPS_DIR:-$ROOT/.deps}"
JOBS="${CMAKE_BUILD_PARALLEL_LEVEL:-2}"
MIRROR_DEFAULT="http://deb.debian.org/debian"

# Debian 12 packages needed to build, test and take screenshots (fonts-noto-cjk: Korean and
# Japanese glyphs; qt6-translations-l10n: Qt's own dialogs and buttons in ko/ja). Real package names only:
# dpkg-query does not see virtual ones (libqt6svg6-dev is provided by qt6-svg-dev).
PACKAGES=(
  build-essential cmake ninja-build pkg-config ccache git xz-utils
  qt6-base-dev qt6-tools-dev qt6-l10n-tools qt6-tools-dev-tools qt6-svg-dev libgl-dev
  libgit2-dev libtomlplusplus-dev libgraphviz-dev libcurl4-openssl-dev openssl libmimalloc-dev
  xvfb xauth python3-pytest python3-venv python3-pip nginx
  fonts-noto-cjk qt6-translations-l10n
  dpkg-dev desktop-file-utils appstream groff-base file
)
FUZZ_PACKAGES=(clang libclang-rt-14-dev)

step() { printf '==> %s\n' "$*"; }
# Any command that fails without a message of its own still says where it stopped.
trap 'printf "install-deps: error: line %s failed: %s\n" "$LINENO" "$BASH_COMMAND" >&2' ERR
fail() {
  # fail MESSAGE [COMMAND]: print what went wrong and the command to run by hand, then exit.
  printf 'install-deps: error: %s\n' "$1" >&2
  if [[ $# -ge 2 ]]; then
    printf 'install-deps: run by hand: %s\n' "$2" >&2
  fi
  exit 1
}

for arg in "$@"; do
  case "$arg" in
    --fuzz) PACKAGES+=("${FUZZ_PACKAGES[@]}") ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) fail "unknown argument '$arg'" "packaging/install-deps.sh --help" ;;
  esac
done

# Run a command as root: directly when root, through sudo otherwise.
as_root() {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    fail "root is needed to install packages and sudo is not available" "su -c '$*'"
  fi
}

# ---- 1. Debian packages ---------------------------------------------------------------
install_packages() {
  if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    step "not a Debian system: skipping packages; install the equivalents listed in README.md"
    return
  fi
  local missing=() pkg status
  for pkg in "${PACKAGES[@]}"; do
    status="$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)"
    [[ "$status" == installed ]] || missing+=("$pkg")
  done
  if [[ ${#missing[@]} -eq 0 ]]; then
    step "Debian packages: all ${#PACKAGES[@]} present"
    return
  fi
  step "Debian packages: installing ${#missing[@]} missing: ${missing[*]}"
  local cmd="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
  as_root apt-get update -q >/dev/null || fail "apt-get update failed" "$cmd"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "${missing[@]}" || fail "apt-get install failed" "$cmd"
}

# ---- 2. KSyntaxHighlighting for Qt 6 --------------------------------------------------
# True when the system provides KF6SyntaxHighlighting (Debian 13, Ubuntu 24.04+, Fedora, Arch).
system_has_kf6() {
  local f
  for f in /usr/lib/cmake /usr/lib/*/cmake /usr/lib64/cmake /usr/share/cmake \
           /usr/local/lib/cmake /usr/local/lib/*/cmake /usr/local/lib64/cmake; do
    [[ -f "$f/KF6SyntaxHighlighting/KF6SyntaxHighlightingConfig.cmake" ]] && return 0
  done
  return 1
}

# True when .deps/install holds a KF5SyntaxHighlighting package built against Qt 6.
local_has_qt6_build() {
  local config="$DEPS/install/lib/cmake/KF5SyntaxHighlighting/KF5SyntaxHighlightingConfig.cmake"
  [[ -f "$config" ]] && grep -q 'Qt6Gui' "$config" \
    && compgen -G "$DEPS/install/lib/libKF5SyntaxHighlighting.so*" >/dev/null
}

# The http(s) mirror the system's own apt sources use, so the private download goes
# through the same host (and proxy) as everything else.
system_mirror() {
  local url
  url="$(grep -rhoE '(URIs:[[:space:]]*|^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?)https?://[^[:space:]]+/debian/?' \
           /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null \
         | grep -oE 'https?://[^[:space:]]+' | grep -v -- '-security' | head -n1 || true)"
  echo "${url:-$MIRROR_DEFAULT}"
}

build_ksyntaxhighlighting() {
  local apt_dir="$DEPS/apt" dl="$DEPS/downloads" logs="$DEPS/logs"
  local log="$logs/ksyntax-highlighting.log"
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$dl" "$logs"
  local apt_opts=(
    -o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=/nonexistent
    -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache"
    -o APT::Sandbox::User=root -q
  )
  local tarball deb
  tarball="$(compgen -G "$dl/ksyntax-highlighting_*.orig.tar.xz" | sort -V | tail -n1 || true)"
  deb="$(compgen -G "$dl/extra-cmake-modules_*.deb" | sort -V | tail -n1 || true)"

  if [[ -z "$tarball" || -z "$deb" ]]; then
    local mirror; mirror="$(system_mirror)"
    step "KSyntaxHighlighting: private apt configuration for trixie at $mirror ($apt_dir)"
    cat >"$apt_dir/sources.list" <<EOF
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main
EOF
    apt-get "${apt_opts[@]}" update >"$logs/apt-update.log" 2>&1 \
      || fail "apt-get update for trixie failed (see $logs/apt-update.log)" \
              "apt-get ${apt_opts[*]} update"
  fi
  if [[ -z "$tarball" ]]; then
    step "KSyntaxHighlighting: downloading the trixie source tarball into $dl"
    # Only the .orig.tar.xz is on the mirror; the .dsc/.debian.tar.xz/.asc give 404 and
    # apt-get exits non-zero. That is expected, so check for the tarball instead.
    (cd "$dl" && apt-get "${apt_opts[@]}" source --download-only ksyntax-highlighting) \
      >"$logs/apt-source.log" 2>&1 || true
    tarball="$(compgen -G "$dl/ksyntax-highlighting_*.orig.tar.xz" | sort -V | tail -n1 || true)"
    [[ -n "$tarball" ]] || fail "no ksyntax-highlighting_*.orig.tar.xz arrived (see $logs/apt-source.log)" \
      "cd $dl && apt-get ${apt_opts[*]} source --download-only ksyntax-highlighting"
  else
    step "KSyntaxHighlighting: using cached $(basename "$tarball")"
  fi
  if [[ -z "$deb" ]]; then
    step "KSyntaxHighlighting: downloading extra-cmake-modules from trixie"
    (cd "$dl" && apt-get "${apt_opts[@]}" download extra-cmake-modules) >"$logs/apt-ecm.log" 2>&1 \
      || fail "extra-cmake-modules download failed (see $logs/apt-ecm.log)" \
              "cd $dl && apt-get ${apt_opts[*]} download extra-cmake-modules"
    deb="$(compgen -G "$dl/extra-cmake-modules_*.deb" | sort -V | tail -n1)"
  else
    step "KSyntaxHighlighting: using cached $(basename "$deb")"
  fi

  step "KSyntaxHighlighting: unpacking $(basename "$deb") and $(basename "$tarball")"
  rm -rf "$DEPS/ecm" && mkdir -p "$DEPS/ecm"
  dpkg -x "$deb" "$DEPS/ecm" || fail "could not unpack $deb" "dpkg -x $deb $DEPS/ecm"
  local ecm_dir="$DEPS/ecm/usr/share/ECM/cmake"
  [[ -f "$ecm_dir/ECMConfig.cmake" ]] || fail "no ECMConfig.cmake in $deb" "dpkg -c $deb"
  rm -rf "$DEPS/src" && mkdir -p "$DEPS/src"
  tar -xJf "$tarball" -C "$DEPS/src" || fail "could not unpack $tarball" "tar -xJf $tarball -C $DEPS/src"
  local src build="$DEPS/build/ksyntax-highlighting"
  src="$(compgen -G "$DEPS/src/*/CMakeLists.txt" | head -n1 || true)"
  [[ -n "$src" ]] || fail "no CMakeLists.txt in $tarball" "tar -tJf $tarball"
  src="$(dirname "$src")"

  local configure=(cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release
    -DQT_MAJOR_VERSION=6 "-DECM_DIR=$ecm_dir" -DBUILD_TESTING=OFF -DBUILD_QCH=OFF
    -DKDE_INSTALL_LIBDIR=lib "-DCMAKE_INSTALL_PREFIX=$DEPS/install")
  local start=$SECONDS
  step "KSyntaxHighlighting: configuring (log: $log)"
  rm -rf "$build"
  "${configure[@]}" >"$log" 2>&1 || { tail -n 20 "$log" >&2; fail "configure failed" "${configure[*]}"; }
  step "KSyntaxHighlighting: building with $JOBS jobs"
  cmake --build "$build" -j "$JOBS" >>"$log" 2>&1 \
    || { tail -n 20 "$log" >&2; fail "build failed" "cmake --build $build -j $JOBS"; }
  step "KSyntaxHighlighting: installing into $DEPS/install"
  cmake --install "$build" >>"$log" 2>&1 \
    || { tail -n 20 "$log" >&2; fail "install failed" "cmake --install $build"; }
  local_has_qt6_build || fail "the install in $DEPS/install has no KF5SyntaxHighlighting for Qt 6" \
    "ls $DEPS/install/lib/cmake"
  step "KSyntaxHighlighting: built in $((SECONDS - start)) s"
}

ensure_ksyntaxhighlighting() {
  if system_has_kf6; then
    step "KSyntaxHighlighting: system KF6SyntaxHighlighting found, nothing to build"
  elif local_has_qt6_build; then
    step "KSyntaxHighlighting: Qt 6 build present in $DEPS/install"
  else
    command -v apt-get >/dev/null 2>&1 || fail \
      "KSyntaxHighlighting for Qt 6 not found and this is not a Debian system" \
      "install the KF6 syntax-highlighting development package listed in README.md"
    build_ksyntaxhighlighting
  fi
}

install_packages
ensure_ksyntaxhighlighting
step "dependencies ready"
