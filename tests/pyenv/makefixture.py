#!/usr/bin/env python3
"""Writes a Pants repository whose lockfile points at wheels built here, for the pyenv tests.

    makefixture.py OUT [--packages N] [--format pex|uv] [--pytest VERSION] [--pytest-from lockfile|resolve]
                       [--mypy VERSION] [--ruff-version VERSION] [--ruff-archive]
                       [--black VERSION] [--black-from lockfile|install_from_resolve|resolve]
                       [--black-tool black|isort|flake8|ruff] [--pants-version 2.23.0]

OUT gets:
  wheels/pkgI-1.0-py3-none-any.whl   tiny pure-Python wheels (module pkgI, VALUE = I); pkg0
                                     requires every other package
  wheels/pytest-VERSION-py3-none-any.whl  (--pytest) a small stand-in for pytest: runs the
                                     test_* functions of the files it is given and writes JUnit XML
  3rdparty/python-default.lock       pex JSON (Pants header) or uv.lock format, sha256 of each wheel;
                                     roots: pkg0, and `winonly; sys_platform == "win32"`, whose
                                     wheel does not exist (a marker-excluded package is never fetched)
  3rdparty/pytest.lock               (--pytest-from lockfile) pex lockfile of the stand-in pytest
  3rdparty/mypy.lock                 (--mypy) pex lockfile of a stand-in mypy that prints its version
                                     and "Success: no issues found"; the mypy backend is enabled
  [ruff].version                     (--ruff-version) with the ruff backend enabled
  downloads/ruff-VERSION-PLATFORM.tar.gz  (--ruff-archive) a fake ruff (a shell script in
                                     ruff-PLATFORM/ruff) that prints its version; [ruff].known_versions
                                     holds its sha256 and length, [ruff].url_template a file:// URL to it
  black (--black)                    a fake black wheel that prints its version, locked in
                                     3rdparty/black.lock ([black].lockfile), in a second resolve
                                     `tools` ([black].install_from_resolve), or in python-default;
                                     --black-tool isort|flake8|ruff makes that tool instead
  pants.toml, tests/BUILD, tests/test_pkg.py
Wheels are reached through [python-repos].path_mappings: URLs are file://${WHEELS_DIR}/...
"""
import argparse
import base64
import hashlib
import json
import os
import zipfile

FAKE_PYTEST_MAIN = r'''
import importlib.util, os, sys, time, traceback
from xml.sax.saxutils import quoteattr, escape

def main(argv):
    files, report = [], None
    skip_next = False
    for a in argv:
        if skip_next:
            skip_next = False
            continue
        if a in ("-p", "-o"):
            skip_next = True
        elif a.startswith("--junit-xml="):
            report = a.split("=", 1)[1]
        elif not a.startswith("-"):
            files.append(a)
    cases, failures = [], 0
    for path in files:
        name = os.path.splitext(os.path.basename(path))[0]
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for attr in sorted(dir(module)):
            if not attr.startswith("test"):
                continue
            start = time.time()
            try:
                getattr(module, attr)()
                cases.append((name, attr, time.time() - start, None))
                print("%s::%s PASSED" % (path, attr))
            except Exception:
                failures += 1
                tb = traceback.format_exc()
                cases.append((name, attr, time.time() - start, tb))
                print("%s::%s FAILED\n%s" % (path, attr, tb))
    if report:
        with open(report, "w") as f:
            f.write('<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" tests="%d" failures="%d">' % (len(cases), failures))
            for cls, test, secs, tb in cases:
                f.write('<testcase classname=%s name=%s time="%.3f">' % (quoteattr(cls), quoteattr(test), secs))
                if tb:
                    f.write('<failure message="failed">%s</failure>' % escape(tb))
                f.write('</testcase>')
            f.write('</testsuite></testsuites>')
    print("fake pytest %s: %d passed, %d failed" % (__import__("pytest").__version__, len(cases) - failures, failures))
    return 1 if failures else 0

sys.exit(main(sys.argv[1:]))
'''


def record_hash(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def write_wheel(directory, name, version, files, requires=()):
    """A py3-none-any wheel holding `files` ({path: text}); returns (filename, sha256 hex)."""
    filename = "%s-%s-py3-none-any.whl" % (name, version)
    dist_info = "%s-%s.dist-info" % (name, version)
    metadata = "Metadata-Version: 2.1\nName: %s\nVersion: %s\n" % (name, version)
    for r in requires:
        metadata += "Requires-Dist: %s\n" % r
    entries = dict(files)
    entries[dist_info + "/METADATA"] = metadata
    entries[dist_info + "/WHEEL"] = "Wheel-Version: 1.0\nGenerator: trellis-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    record = ""
    for path, text in entries.items():
        data = text.encode()
        record += "%s,%s,%d\n" % (path, record_hash(data), len(data))
    record += dist_info + "/RECORD,,\n"
    entries[dist_info + "/RECORD"] = record
    path = os.path.join(directory, filename)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for p in sorted(entries):
            info = zipfile.ZipInfo(p, date_time=(2020, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            z.writestr(info, entries[p])
    with open(path, "rb") as f:
        return filename, hashlib.sha256(f.read()).hexdigest()


def pex_lock(resolve, dists, roots):
    meta = {"version": 3, "valid_for_interpreter_constraints": ["CPython>=3.8"],
            "generated_with_requirements": roots, "resolve": resolve}
    header = "// This lockfile was autogenerated by Pants.\n//\n// --- BEGIN PANTS LOCKFILE METADATA: DO NOT EDIT OR REMOVE ---\n"
    header += "".join("// " + line + "\n" for line in json.dumps(meta, indent=2).splitlines())
    header += "// --- END PANTS LOCKFILE METADATA ---\n"
    body = {"allow_builds": True, "locked_resolves": [{"locked_requirements": [
        {"artifacts": [{"algorithm": "sha256", "hash": sha, "url": "file://${WHEELS_DIR}/" + fn}],
         "project_name": name, "requires_dists": list(reqs), "requires_python": ">=3.8", "version": version}
        for name, version, fn, sha, reqs in dists]}],
        "requirements": roots, "requires_python": [">=3.8"], "resolver_version": "pip-2020-resolver", "style": "universal"}
    return header + json.dumps(body, indent=2) + "\n"


def uv_lock(resolve, dists, roots):
    out = 'version = 1\nrequires-python = ">=3.8"\n\n'
    out += '[[package]]\nname = "pants-lockfile-for-%s"\nversion = "0"\nsource = { virtual = "." }\ndependencies = [\n' % resolve
    for r in roots:
        name, _, marker = r.partition(";")
        out += '    { name = "%s"%s },\n' % (name.strip(), (', marker = %s' % json.dumps(marker.strip())) if marker else "")
    out += "]\n\n"
    for name, version, fn, sha, reqs in dists:
        out += '[[package]]\nname = "%s"\nversion = "%s"\nsource = { registry = "../wheels" }\n' % (name, version)
        if reqs:
            out += "dependencies = [\n" + "".join('    { name = "%s" },\n' % r for r in reqs) + "]\n"
        out += 'wheels = [\n    { path = "%s", hash = "sha256:%s" },\n]\n\n' % (fn, sha)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--packages", type=int, default=3)
    ap.add_argument("--format", choices=["pex", "uv"], default="pex")
    ap.add_argument("--pytest", default="")
    ap.add_argument("--pytest-from", choices=["lockfile", "resolve"], default="lockfile")
    ap.add_argument("--mypy", default="")
    ap.add_argument("--ruff-version", default="")
    ap.add_argument("--ruff-archive", action="store_true")
    ap.add_argument("--black", default="")
    ap.add_argument("--black-from", choices=["lockfile", "install_from_resolve", "resolve"], default="lockfile")
    ap.add_argument("--pants-version", default="2.23.0")
    ap.add_argument("--black-tool", choices=["black", "isort", "flake8", "ruff"], default="black",
                    help="which lint tool --black makes (same layout, named after the tool)")
    args = ap.parse_args()
    out = os.path.abspath(args.out)
    wheels = os.path.join(out, "wheels")
    for d in (wheels, os.path.join(out, "3rdparty"), os.path.join(out, "tests")):
        os.makedirs(d, exist_ok=True)
    dists = []
    others = ["pkg%d" % i for i in range(1, args.packages)]
    for i in range(args.packages):
        name = "pkg%d" % i
        reqs = others if i == 0 else []
        fn, sha = write_wheel(wheels, name, "1.0", {"%s/__init__.py" % name: "VALUE = %d\n" % i}, reqs)
        dists.append((name, "1.0", fn, sha, reqs))
    # Locked, but excluded by its marker: its wheel is never written.
    dists.append(("winonly", "1.0", "winonly-1.0-py3-none-any.whl", "0" * 64, []))
    roots = ["pkg0", 'winonly; sys_platform == "win32"']
    pytest_dist = None
    if args.pytest:
        fn, sha = write_wheel(wheels, "pytest", args.pytest,
                              {"pytest/__init__.py": "__version__ = %r\n" % args.pytest,
                               "pytest/__main__.py": FAKE_PYTEST_MAIN})
        pytest_dist = ("pytest", args.pytest, fn, sha, [])
        if args.pytest_from == "resolve":
            dists.append(pytest_dist)
            roots.append("pytest")
    black_dist = None
    tool = args.black_tool
    if args.black:
        fn, sha = write_wheel(wheels, tool, args.black,
                              {"%s/__init__.py" % tool: "__version__ = %r\n" % args.black,
                               "%s/__main__.py" % tool: "import sys\n"
                                                    "if '--version' in sys.argv:\n"
                                                    "    print('%s, %s (fake)')\n"
                                                    "else:\n"
                                                    "    files = [a for a in sys.argv[1:] if not a.startswith('-')]\n"
                                                    "    print('fake %s %s: %%d files would be left unchanged' %% len(files))\n"
                                                    % (tool, args.black, tool, args.black)})
        black_dist = (tool, args.black, fn, sha, [])
        if args.black_from == "resolve":
            dists.append(black_dist)
    lock_name = "python-default.lock" if args.format == "pex" else "uv.lock"
    writer = pex_lock if args.format == "pex" else uv_lock
    with open(os.path.join(out, "3rdparty", lock_name), "w") as f:
        f.write(writer("python-default", dists, roots))
    pytest_section = ""
    if pytest_dist and args.pytest_from == "lockfile":
        with open(os.path.join(out, "3rdparty", "pytest.lock"), "w") as f:
            f.write(pex_lock("pytest", [pytest_dist], ["pytest==%s" % args.pytest]))
        pytest_section = '[pytest]\nlockfile = "3rdparty/pytest.lock"\n'
    backends = ["pants.backend.python"]
    if args.mypy:
        fn, sha = write_wheel(wheels, "mypy", args.mypy,
                              {"mypy/__init__.py": "__version__ = %r\n" % args.mypy,
                               "mypy/__main__.py": "import sys\n"
                                                   "if '--version' in sys.argv:\n"
                                                   "    print('mypy %s (fake)')\n"
                                                   "else:\n"
                                                   "    print('Success: no issues found (fake mypy %s)')\n"
                                                   % (args.mypy, args.mypy)})
        with open(os.path.join(out, "3rdparty", "mypy.lock"), "w") as f:
            f.write(pex_lock("mypy", [("mypy", args.mypy, fn, sha, [])], ["mypy==%s" % args.mypy]))
        pytest_section += '[mypy]\nlockfile = "3rdparty/mypy.lock"\n'
        backends.append("pants.backend.python.typecheck.mypy")
    extra_resolves = ""
    if black_dist:
        backends.append("pants.backend.python.lint.%s" % tool)  # ruff: check and format, as before Pants 2.20
        if args.black_from == "lockfile":
            with open(os.path.join(out, "3rdparty", "%s.lock" % tool), "w") as f:
                f.write(pex_lock(tool, [black_dist], ["%s==%s" % (tool, args.black)]))
            pytest_section += '[%s]\nlockfile = "3rdparty/%s.lock"\n' % (tool, tool)
        elif args.black_from == "install_from_resolve":
            with open(os.path.join(out, "3rdparty", "tools.lock"), "w") as f:
                f.write(pex_lock("tools", [black_dist], ["%s==%s" % (tool, args.black)]))
            pytest_section += '[%s]\ninstall_from_resolve = "tools"\n' % tool
            extra_resolves = ', tools = "3rdparty/tools.lock"'
    if args.ruff_version or args.ruff_archive:
        version = args.ruff_version or "0.6.4"
        pytest_section += '[ruff]\nversion = "%s"\n' % version
        backends.append("pants.backend.experimental.python.lint.ruff.check")
        if args.ruff_archive:
            import io, platform, tarfile
            machine = {"x86_64": "x86_64", "amd64": "x86_64", "aarch64": "arm64", "arm64": "arm64"}[platform.machine().lower()]
            pants_platform = ("macos_" if platform.system() == "Darwin" else "linux_") + machine
            url_platform = {"linux_x86_64": "x86_64-unknown-linux-musl", "linux_arm64": "aarch64-unknown-linux-musl",
                            "macos_x86_64": "x86_64-apple-darwin", "macos_arm64": "aarch64-apple-darwin"}[pants_platform]
            downloads = os.path.join(out, "downloads")
            os.makedirs(downloads, exist_ok=True)
            archive = os.path.join(downloads, "ruff-%s-%s.tar.gz" % (version, url_platform))
            script = ("#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'ruff %s (fake)'; exit 0; fi\n"
                      "echo \"fake ruff %s: $1: All checks passed!\"\n" % (version, version)).encode()
            with tarfile.open(archive, "w:gz") as t:
                info = tarfile.TarInfo("ruff-%s/ruff" % url_platform)
                info.size = len(script)
                info.mode = 0o755
                t.addfile(info, io.BytesIO(script))
            with open(archive, "rb") as f:
                data = f.read()
            pytest_section += 'known_versions = ["%s|%s|%s|%d"]\n' % (version, pants_platform,
                                                                       hashlib.sha256(data).hexdigest(), len(data))
            pytest_section += 'url_template = "file://%s/ruff-{version}-{platform}.tar.gz"\n' % downloads
    with open(os.path.join(out, "pants.toml"), "w") as f:
        f.write('[GLOBAL]\npants_version = "%s"\nbackend_packages = %s\n\n' % (args.pants_version, json.dumps(backends)))
        f.write('[source]\nroot_patterns = ["/"]\n\n'
                '[python]\ninterpreter_constraints = ["CPython>=3.8"]\nenable_resolves = true\n'
                'resolves = { python-default = "3rdparty/%s"%s }\n\n'
                '[python-repos]\npath_mappings = ["WHEELS_DIR|%s"]\nfind_links = ["file://${WHEELS_DIR}"]\n\n%s'
                % (lock_name, extra_resolves, wheels, pytest_section))
    with open(os.path.join(out, "tests", "BUILD"), "w") as f:
        f.write('python_tests(name="tests")\n')
    with open(os.path.join(out, "tests", "test_pkg.py"), "w") as f:
        f.write("import pkg0  # pants: no-infer-dep\n\n\ndef test_value():\n    assert pkg0.VALUE == 0\n")


if __name__ == "__main__":
    main()
