#!/usr/bin/env bash
# update.sh: refresh translations/*.ts from the sources (ui/ and app/gui/) with lupdate.
#
# The build's update_translations target scans only trellis_ui; the command-line help of
# trellis-gui (app/gui/main.cpp) is translated too, so this script adds it. trellis_en.ts
# keeps only plural forms (-pluralonly). Afterwards translate every entry marked
# type="unfinished" in trellis_ko.ts and trellis_ja.ts; tests/ui/translationcoverage_test
# fails while one is left.
#
# Usage: translations/update.sh [BUILD_DIR]   (a configured build with TRELLIS_BUILD_GUI=ON)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${1:-$ROOT/build/dev}"
LUPDATE="$(command -v lupdate || true)"
[[ -x /usr/lib/qt6/bin/lupdate ]] && LUPDATE=/usr/lib/qt6/bin/lupdate
[[ -n "$LUPDATE" ]] || { echo "update.sh: lupdate not found (apt-get install qt6-l10n-tools)" >&2; exit 1; }
IN="$BUILD/ui/.lupdate/trellis_ui_project.cmake"
[[ -f "$IN" ]] || { echo "update.sh: $IN missing: configure $BUILD with -DTRELLIS_BUILD_GUI=ON" >&2; exit 1; }
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
cmake -DIN_FILE="$IN" -DOUT_FILE="$TMP/ui.json" \
  -P "$(dirname "$(find /usr/lib -path '*Qt6LinguistTools/GenerateLUpdateProject.cmake' | head -1)")/GenerateLUpdateProject.cmake"
python3 - "$TMP/ui.json" "$ROOT" "$BUILD" <<'PY'
import glob, json, os, sys
path, root, build = sys.argv[1], sys.argv[2], sys.argv[3]
d = json.load(open(path))
d["sources"] += sorted(glob.glob(os.path.join(root, "app/gui/*.cpp")) + glob.glob(os.path.join(root, "app/gui/*.h")))
# Every module's staged headers: lupdate must resolve the namespaces the sources use, or
# it files a message under the wrong context ("Tr" instead of "Trellis").
d["includePaths"] = list(d.get("includePaths", [])) + sorted(glob.glob(os.path.join(build, "include", "*"))) + [root]
d["translations"] = []
json.dump(d, open(path, "w"))
PY
"$LUPDATE" -project "$TMP/ui.json" -locations none \
  -ts "$ROOT/translations/trellis_ko.ts" "$ROOT/translations/trellis_ja.ts"
# Tr::tr() is Q_DECLARE_TR_FUNCTIONS(Trellis): the context is always "Trellis". Where
# lupdate misreads a file it files a message under "Tr"; move it to "Trellis", keeping
# the translation it had there, then drop what is no longer in the sources.
python3 - "$ROOT/translations/trellis_ko.ts" "$ROOT/translations/trellis_ja.ts" <<'PY'
import re, sys
MSG = re.compile(r"\n?\s*<message[^>]*>.*?</message>", re.S)
def source(m): return re.search(r"<source>(.*?)</source>", m, re.S).group(1)
for path in sys.argv[1:]:
    s = open(path, encoding="utf-8").read()
    contexts = {}
    for c in re.finditer(r"<context>\s*<name>(.*?)</name>(.*?)</context>", s, re.S):
        contexts[c.group(1)] = MSG.findall(c.group(2))
    main = contexts.get("Trellis", [])
    old = {source(m): m for m in main if 'type="vanished"' in m or 'type="obsolete"' in m}
    for name, messages in contexts.items():
        if name == "Trellis":
            continue
        for m in messages:
            if 'type="vanished"' in m or 'type="obsolete"' in m:
                continue
            prev = old.pop(source(m), None)
            if prev and 'type="unfinished"' in m:
                m = re.sub(r"<translation.*?</translation>", re.search(r"<translation.*?</translation>", prev, re.S).group(0)
                           .replace(' type="vanished"', "").replace(' type="obsolete"', ""), m, flags=re.S)
            main.append(m)
    main = [m for m in main if 'type="vanished"' not in m and 'type="obsolete"' not in m]
    main.sort(key=lambda m: 0)  # keep lupdate's order
    head = s[: s.index("<context>")]
    body = "<context>\n    <name>Trellis</name>" + "".join(main) + "\n</context>\n</TS>\n"
    open(path, "w", encoding="utf-8").write(head + body)
PY
"$LUPDATE" -project "$TMP/ui.json" -no-obsolete -locations none -pluralonly -ts "$ROOT/translations/trellis_en.ts"
