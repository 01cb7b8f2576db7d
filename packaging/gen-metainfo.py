#!/usr/bin/env python3
"""Generate the AppStream metainfo from its template and CHANGELOG.md.

Fills @APP_ID@, @HOMEPAGE@, @SCREENSHOT_BASE@ and @RELEASES@ in the template. The
<releases> element comes from CHANGELOG.md: every `# VERSION (YYYY-MM-DD)` heading becomes a
<release>, and its `### Section` lists become the release description. The version in
VERSION must have an entry, so a release cannot ship without notes. Called at build time by
cmake/TrellisPackaging.cmake:

    gen-metainfo.py --template IN --changelog CHANGELOG.md --version V --app-id ID
                    --homepage URL --screenshot-base URL --out OUT
"""
import argparse
import html
import re
import sys

HEADING = re.compile(r"^# (\d+\.\d+\.\d+\S*) \((\d{4}-\d{2}-\d{2})\)\s*$")


def inline(text):
    """Markdown inline text to AppStream description markup."""
    text = re.sub(r"\s*\(\[[^\]]*\]\([^)]*\)\)", "", text)          # trailing "([#12](url))"
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)              # [text](url) -> text
    parts = re.split(r"`([^`]*)`", text)
    out = []
    for i, part in enumerate(parts):
        out.append(f"<code>{html.escape(part, quote=False)}</code>" if i % 2 else html.escape(part, quote=False))
    return "".join(out)


def releases(changelog):
    entries = []
    current = None
    for line in changelog.splitlines():
        m = HEADING.match(line)
        if m:
            current = {"version": m.group(1), "date": m.group(2), "sections": []}
            entries.append(current)
            continue
        if current is None:
            continue
        if line.startswith("### "):
            current["sections"].append((line[4:].strip(), []))
        elif line.startswith("- "):
            if not current["sections"]:
                current["sections"].append(("", []))
            current["sections"][-1][1].append(line[2:].strip())
        elif line.startswith("  ") and line.strip() and current["sections"] and current["sections"][-1][1]:
            current["sections"][-1][1][-1] += " " + line.strip()   # continuation of a list item
    return entries


def release_xml(entries):
    out = ["  <releases>"]
    for e in entries:
        out.append(f'    <release version="{e["version"]}" date="{e["date"]}">')
        out.append("      <description>")
        for title, items in e["sections"]:
            if not items:
                continue
            if title:
                out.append(f"        <p>{html.escape(title, quote=False)}:</p>")
            out.append("        <ul>")
            out += [f"          <li>{inline(item)}</li>" for item in items]
            out.append("        </ul>")
        out.append("      </description>")
        out.append("    </release>")
    out.append("  </releases>")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in ("template", "changelog", "version", "app-id", "homepage", "screenshot-base", "out"):
        ap.add_argument("--" + name, required=True)
    a = ap.parse_args()
    with open(a.changelog, encoding="utf-8") as f:
        entries = releases(f.read())
    if not any(e["version"] == a.version for e in entries):
        sys.exit(f"gen-metainfo: {a.changelog} has no '# {a.version} (YYYY-MM-DD)' entry for the version in "
                 f"VERSION; add the release notes there (see docs/packaging.md)")
    with open(a.template, encoding="utf-8") as f:
        text = f.read()
    for key, value in (("@APP_ID@", a.app_id), ("@HOMEPAGE@", html.escape(a.homepage)),
                       ("@SCREENSHOT_BASE@", html.escape(a.screenshot_base.rstrip("/"))),
                       ("@RELEASES@", release_xml(entries))):
        text = text.replace(key, value)
    leftover = re.findall(r"@[A-Z_]+@", text)
    if leftover:
        sys.exit(f"gen-metainfo: unknown placeholders in {a.template}: {' '.join(sorted(set(leftover)))}")
    with open(a.out, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
