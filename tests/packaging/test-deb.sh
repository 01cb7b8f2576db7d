#!/usr/bin/env bash
# test-deb.sh BUILD_DIR SOURCE_DIR: the installed .deb works on its own.
#
#  1. cmake --build (default targets), then cpack -G DEB into a temporary directory.
#  2. dpkg-deb -x into a temporary root; check the Depends computed by dpkg-shlibdeps.
#  3. From the extracted files, with LD_LIBRARY_PATH unset: `trellis --version`, and
#     `trellis-gui --screenshot` (QT_QPA_PLATFORM=offscreen), which must load the bundled
#     KSyntaxHighlighting through the RUNPATH.
#  4. desktop-file-validate, appstreamcli validate --no-net, the man page renders without
#     warnings, the completions parse and complete goals and goal options.
set -euo pipefail
BUILD="$(cd "$1" && pwd)"
SRC="$(cd "$2" && pwd)"
TMP="$(mktemp -d "${TMPDIR:-/tmp}/trellis-deb-test.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
failures=0
step() { printf '==> %s\n' "$*"; }
bad() { printf 'FAIL: %s\n' "$*" >&2; failures=$((failures + 1)); }
need() { command -v "$1" >/dev/null 2>&1 || { echo "FAIL: $1 is not installed (packaging/install-deps.sh installs it)" >&2; exit 1; }; }
for tool in cpack dpkg-deb dpkg-shlibdeps desktop-file-validate appstreamcli groff readelf; do need "$tool"; done

step "build: cmake --build $BUILD"
cmake --build "$BUILD" >"$TMP/build.log" 2>&1 || { tail -n 30 "$TMP/build.log" >&2; echo "FAIL: build" >&2; exit 1; }

step "cpack -G DEB"
(cd "$BUILD" && cpack -G DEB -B "$TMP/out" --config "$BUILD/CPackConfig.cmake") >"$TMP/cpack.log" 2>&1 \
  || { cat "$TMP/cpack.log" >&2; echo "FAIL: cpack -G DEB" >&2; exit 1; }
deb="$(compgen -G "$TMP/out/*.deb" | head -n1 || true)"
[[ -n "$deb" ]] || { cat "$TMP/cpack.log" >&2; echo "FAIL: no .deb produced" >&2; exit 1; }
step "built $(basename "$deb")"

ROOT="$TMP/root"
dpkg-deb -x "$deb" "$ROOT"
depends="$(dpkg-deb -f "$deb" Depends)"
echo "Depends: $depends"
for lib in libc6 libqt6core6 libqt6gui6 libqt6widgets6 libqt6svg6 libgit2 libgvc6 qt6-qpa-plugins; do
  [[ "$depends" == *"$lib"* ]] || bad "Depends lacks $lib"
done
[[ "$depends" != *syntaxhighlighting* ]] || bad "Depends names a KSyntaxHighlighting package; it is bundled"

BIN="$ROOT/usr/bin"
for f in "$BIN/trellis" "$BIN/trellis-gui"; do
  [[ -x "$f" ]] || bad "missing $f"
  runpath="$(readelf -d "$f" | sed -n 's/.*(RUNPATH).*\[\(.*\)\]/\1/p;s/.*(RPATH).*\[\(.*\)\]/\1/p')"
  [[ "$runpath" != */work/* && "$runpath" != *"$SRC"* ]] || bad "$(basename "$f") RUNPATH points into the build machine: $runpath"
done
private="$(compgen -G "$ROOT/usr/lib*/trellis/libKF5SyntaxHighlighting.so.*" | head -n1 || true)"
if [[ -d "$SRC/.deps/install/lib" ]] && grep -q 'KF5SyntaxHighlighting' "$BUILD/CMakeCache.txt"; then
  [[ -n "$private" ]] || bad "the private KSyntaxHighlighting is not in usr/lib/trellis"
fi

step "run: trellis --version (LD_LIBRARY_PATH unset)"
version="$(env -u LD_LIBRARY_PATH "$BIN/trellis" --version)" || bad "trellis --version failed"
expected="$(tr -d '[:space:]' <"$SRC/VERSION")"
[[ "$version" == "$expected" ]] || bad "trellis --version printed '$version', VERSION says '$expected'"

step "run: trellis-gui --screenshot (offscreen, LD_LIBRARY_PATH unset)"
if [[ -n "$private" ]]; then
  resolved="$(env -u LD_LIBRARY_PATH ldd "$BIN/trellis-gui" | awk '/libKF5SyntaxHighlighting/ {print $3}')"
  [[ "$resolved" -ef "$private" ]] || bad "trellis-gui loads KSyntaxHighlighting from '$resolved', not the bundled $private"
fi
shot="$TMP/shot.png"
env -u LD_LIBRARY_PATH HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/home/.config" QT_QPA_PLATFORM=offscreen \
  timeout 120 "$BIN/trellis-gui" --screenshot "$shot" --size 800x500 "$SRC/tests/fixtures/ws-basic" \
  >"$TMP/gui.log" 2>&1 || { cat "$TMP/gui.log" >&2; bad "trellis-gui --screenshot failed"; }
[[ -s "$shot" ]] && [[ "$(head -c 8 "$shot" | od -An -tx1 | tr -d ' \n')" == 89504e470d0a1a0a ]] \
  || bad "trellis-gui wrote no PNG screenshot"

step "validate: desktop file, metainfo"
desktop="$(compgen -G "$ROOT/usr/share/applications/*.desktop" | head -n1 || true)"
metainfo="$(compgen -G "$ROOT/usr/share/metainfo/*.metainfo.xml" | head -n1 || true)"
if [[ -z "$desktop" ]]; then bad "no desktop file"; else
  desktop-file-validate "$desktop" || bad "desktop-file-validate $(basename "$desktop")"
  grep -q '^Exec=trellis-gui %f$' "$desktop" || bad "desktop file: Exec is not 'trellis-gui %f'"
  grep -q '^MimeType=.*inode/directory;' "$desktop" || bad "desktop file: no inode/directory association"
  id="$(basename "$desktop" .desktop)"
  for s in 16 22 24 32 48 64 128 256; do
    png="$ROOT/usr/share/icons/hicolor/${s}x${s}/apps/$id.png"
    [[ -s "$png" ]] || { bad "missing icon $png"; continue; }
    [[ "$(od -An -tu1 -j16 -N8 "$png" | awk '{print $1*16777216+$2*65536+$3*256+$4 "x" $5*16777216+$6*65536+$7*256+$8}')" == "${s}x${s}" ]] \
      || bad "icon $png is not ${s}x${s}"
  done
  [[ -s "$ROOT/usr/share/icons/hicolor/scalable/apps/$id.svg" ]] || bad "missing scalable icon"
  [[ -s "$ROOT/usr/share/mime/packages/$id.xml" ]] || bad "missing MIME package"
fi
if [[ -z "$metainfo" ]]; then bad "no metainfo"; else
  appstreamcli validate --no-net --pedantic "$metainfo" || bad "appstreamcli validate --no-net $(basename "$metainfo")"
  grep -q "<release version=\"$expected\"" "$metainfo" || bad "metainfo has no release $expected"
fi

step "man page and completions"
man1="$ROOT/usr/share/man/man1/trellis.1"
if [[ -s "$man1" ]]; then
  warnings="$(groff -man -Tutf8 -ww -z "$man1" 2>&1)"
  [[ -z "$warnings" ]] || bad "groff warnings: $warnings"
  rendered="$(groff -man -Tutf8 "$man1" 2>/dev/null | sed 's/.\x08//g')"
  for goal in $(env -u LD_LIBRARY_PATH "$BIN/trellis" help | awk '/^Goals:/ {g=1; next} g && /^  [a-z]/ {print $1} g && /^$/ {exit}'); do
    grep -q "^   $goal\$" <<<"$rendered" || bad "man page lacks goal $goal"
  done
else
  bad "missing $man1"
fi
bashc="$ROOT/usr/share/bash-completion/completions/trellis"
if [[ -s "$bashc" ]]; then
  bash -n "$bashc" || bad "bash completion does not parse"
  got="$(bash -c 'source "$1"; COMP_WORDS=(trellis dependencies --fo); COMP_CWORD=2; _trellis; echo "${COMPREPLY[*]}"
                  COMP_WORDS=(trellis help dependen); COMP_CWORD=2; _trellis; echo "${COMPREPLY[*]}"' _ "$bashc" 2>&1)"
  [[ "$got" == $'--format=\ndependencies dependents' ]] || bad "bash completion gave: $got"
else
  bad "missing $bashc"
fi
zshc="$(compgen -G "$ROOT/usr/share/zsh/*/_trellis" | head -n1 || true)"
[[ -n "$zshc" ]] || bad "missing zsh completion"
if [[ -n "$zshc" ]] && command -v zsh >/dev/null 2>&1; then
  zsh -n "$zshc" || bad "zsh completion does not parse"
fi

if ((failures)); then
  echo "packaging_deb: $failures check(s) failed" >&2
  exit 1
fi
step "packaging_deb: all checks passed"
