#!/usr/bin/env python3
"""Groups the error diagnostics of a corpus run (run.sh logs) by root cause.

    tests/corpus/triage.py LOG_DIR [--tsv TABLE.tsv] [--commit SHA] > triage.md

Reads LOG_DIR/<owner>+<name>.{list,deps}.stderr, classifies every
`[file:line[:col]: ]error: message` line into a cause, and prints Markdown:
causes sorted by the number of repositories they affect, each with counts
and one concrete example (repository, file:line, message).
"""
import argparse
import collections
import datetime
import os
import re
import sys

HEAD = re.compile(r'^(?:(?P<loc>\S+?):(?P<line>\d+)(?::(?P<col>\d+))?: |(?P<loc2>\S+): )?(?P<sev>error|warning): (?P<msg>.*)$')

# Which Pants backend defines a target type (for "unknown target type" causes).
BACKENDS = {
    'pants.backend.experimental.java': 'java_source java_sources junit_test junit_tests jvm_artifact jvm_artifacts deploy_jar jvm_war',
    'pants.backend.experimental.scala': 'scala_source scala_sources scalatest_test scalatest_tests scala_junit_test scala_junit_tests scala_artifact scalac_plugin',
    'pants.backend.experimental.kotlin': 'kotlin_source kotlin_sources kotlin_junit_test kotlin_junit_tests kotlinc_plugin',
    'pants.backend.experimental.go': 'go_mod go_package go_binary go_third_party_package go_sdk',
    'pants.backend.experimental.javascript': 'javascript_source javascript_sources javascript_test javascript_tests package_json node_package node_third_party_package node_build_script node_test_script jsx_source jsx_sources',
    'pants.backend.experimental.typescript': 'typescript_source typescript_sources typescript_test typescript_tests tsx_source tsx_sources tsx_test tsx_tests',
    'pants.backend.experimental.helm': 'helm_chart helm_unittest_test helm_unittest_tests helm_artifact helm_deployment',
    'pants.backend.experimental.terraform': 'terraform_module terraform_deployment terraform_backend terraform_var_files',
    'pants.backend.docker': 'docker_image docker_environment',
    'pants.backend.adhoc': 'adhoc_tool system_binary code_quality_tool',
    'pants.backend.shell': 'shell_source shell_sources shunit2_test shunit2_tests shell_command run_shell_command experimental_run_shell_command experimental_shell_command',
    'pants.backend.codegen.protobuf': 'protobuf_source protobuf_sources',
    'pants.backend.codegen.thrift': 'thrift_source thrift_sources',
    'pants.backend.codegen.avro': 'avro_source avro_sources',
    'pants.backend.awslambda.python': 'python_awslambda python_aws_lambda_function python_aws_lambda_layer',
    'pants.backend.google_cloud_function.python': 'python_google_cloud_function',
    'pants.backend.experimental.cc': 'cc_source cc_sources cc_binary cc_library',
    'pants.backend.experimental.nfpm': 'nfpm_deb_package nfpm_rpm_package nfpm_apk_package nfpm_archlinux_package nfpm_content_file nfpm_content_files nfpm_content_dir nfpm_content_dirs nfpm_content_symlink nfpm_content_symlinks',
    'pants.backend.experimental.makeself': 'makeself_archive',
    'pants.backend.experimental.openapi': 'openapi_document openapi_documents openapi_source openapi_sources',
    'pants.backend.experimental.python.framework.stevedore': 'stevedore_namespace',
    'pants.backend.experimental.sql': 'sql_source sql_sources',
    'pants.backend.experimental.swift': 'swift_source swift_sources',
    'pants.backend.experimental.rust': 'rust_package',
    'pants.backend.experimental.debian': 'debian_package',
    'pants.backend.url_handlers / core': 'http_source per_platform',
    'pants.backend.experimental.python (uv/pex)': 'uv_requirements pex_binaries',
    'pants.backend.python (older alias)': 'python_library python_requirement_library pants_requirement python_binary',
}
TYPE_BACKEND = {t: b for b, ts in BACKENDS.items() for t in ts.split()}


def plugin_alias(corpus, repo, name):
    """Path of an in-repo plugin file declaring `alias = "name"`, if any."""
    if not corpus:
        return None
    root = os.path.join(corpus, repo.replace('/', '+', 1))
    pat = re.compile(r'alias\s*(?::\s*\w+\s*)?=\s*[\'"]%s[\'"]' % re.escape(name))
    for d, ds, fs in os.walk(root):
        ds[:] = [x for x in ds if not x.startswith('.') and x not in ('node_modules', 'dist', 'testprojects')]
        for f in fs:
            if f.endswith('.py') and not f.startswith('BUILD'):
                fp = os.path.join(d, f)
                try:
                    if pat.search(open(fp, errors='replace').read()):
                        return os.path.relpath(fp, root)
                except OSError:
                    pass
    return None


def classify(msg, repo='', corpus=''):
    """(group, item, owner) for one error message; item refines the group (or is None)."""
    m = re.match(r"Unrecognized target type `?'?(\w+)", msg) or re.search(r"unknown target type `?'?(\w+)", msg, re.I) \
        or re.match(r"name '(\w+)' is not defined", msg)
    if m:
        t = m.group(1)
        if t in TYPE_BACKEND:
            return (f"unknown target types of backend {TYPE_BACKEND[t]}", t, 'H3')
        where = plugin_alias(corpus, repo, t)
        if where:
            return ("unknown target types of in-repo plugins", f"{t} ({repo}: {where})", 'H3')
        if t in ('open', 'class', 'getattr', 'setattr', 'hasattr', 'isinstance'):
            return ("Python builtin missing in the evaluator", t, 'H1')
        return ("name not defined (not a known target type: macro, plugin or builtin?)", t, 'H1/H3')
    m = re.match(r"Unrecognized field `(\w+)", msg)
    if m:
        t = re.search(r"target type `(\w+)`", msg)
        return ("unknown fields of known target types", f"{t.group(1) if t else '?'}.{m.group(1)}", 'H3')
    if re.search(r'[Uu]nmatched glob', msg):
        return ("unmatched glob (any-match conjunction / directory symlinks / ignore rules)", None, 'H4')
    m = re.search(r"object has no attribute '(\w+)'", msg)
    if m and m.group(1) in ('name', 'parent', 'parts', 'stem', 'suffix', 'as_posix'):
        return ("build_file_dir() is not a path object", f".{m.group(1)}", 'H4')
    if re.search(r"Unrecognized resolve name", msg):
        return ("resolve name not recognised (JVM resolves / plugin resolves)", re.sub(r".*: ", "", msg), 'H3')
    if re.search(r'syntax|unexpected (indent|token|character|end)|unindent|expected |invalid syntax|unterminated|EOF', msg, re.I):
        key = re.sub(r"'[^']*'|`[^`]*`|\"[^\"]*\"", "…", msg)
        return ("parse error", key, 'H1')
    if re.search(r'placeholder|\.bootstrap|env\(|%\(env', msg):
        return ("environment values (.pants.bootstrap / %(env.X)s / env())", re.sub(r".*placeholder `([^`]*)`.*", r"\1", msg), 'H4')
    if re.search(r'parametrize', msg):
        return ("parametrize not applied (overrides / __defaults__ / generated targets)", None, 'H4')
    m = re.search(r"The '(\w+)' field in target \S+ must be (.*?), but was `(.*)` with type `(\w+)`", msg)
    if m:
        v = m.group(3)
        kind = re.match(r"(\w+)\(", v)
        return ("field value type not accepted", f"{m.group(1)} = {kind.group(1) + '(...)' if kind else m.group(4)} where {m.group(2)} expected", 'H3/H4')
    m = re.match(r"The address (\S+) from the `(\w+)` field from the target (\S+) does not exist", msg)
    if m:
        return ("dependency address does not exist", f"{m.group(1)} (in {m.group(3)}.{m.group(2)})", 'H4?')
    if msg.startswith('No owning targets could be found'):
        return ("file without owning target (conftest inference)", None, 'check')
    if 'cannot infer owners' in msg:
        return ("imports with no owner (unowned_dependency_behavior = error)", None, 'infer')
    m = re.match(r"Invalid value `(.*?)` in the `(\w+)` field of (\S+): (.*)", msg)
    if m:
        return ("invalid address in a dependencies-like field", f"{m.group(2)}=`{m.group(1)}` ({m.group(4)})", 'H4')
    if 'Transitive excludes' in msg:
        return ("transitive excludes `!!` rejected", re.sub(r".*for (\S+)\. .*", r"\1", msg), 'H3')
    msg = re.sub(r"(in (?:the )?target|for) \S+", r"\1 …", msg)
    key = re.sub(r"'[^']*'|`[^`]*`|\"[^\"]*\"|\b\d+\b", "…", msg)
    return (key[:160], None, '?')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('logs')
    ap.add_argument('--tsv', help='table written by run.sh (CORPUS_TSV)')
    ap.add_argument('--commit', default='')
    ap.add_argument('--corpus', default='', help='corpus DIR, to locate in-repo plugin aliases')
    ap.add_argument('--notes', help='Markdown file of hand-written notes to append')
    ap.add_argument('--prev', help='TSV table of the previous run, to report changes (regressions first)')
    args = ap.parse_args()

    causes = collections.OrderedDict()
    per_repo = collections.Counter()
    warnings = {}
    # list before deps: errors of `dependencies ::` only count when `list ::` did not show them.
    order = lambda fn: (fn.rsplit('.', 2)[0], fn.endswith('.deps.stderr'))
    for fn in sorted(os.listdir(args.logs), key=order):
        if not fn.endswith(('.list.stderr', '.deps.stderr')):
            continue
        repo, goal = fn[:-len('.stderr')].rsplit('.', 1)
        repo = repo.replace('+', '/', 1)
        seen = set()
        with open(os.path.join(args.logs, fn), errors='replace') as f:
            for line in f:
                m = HEAD.match(line.rstrip('\n'))
                if not m:
                    continue
                if m.group('sev') == 'warning':
                    if goal == 'list':
                        wmsg = m.group('msg')
                        wloc = m.group('loc') or m.group('loc2') or ''
                        wwhere = f"{wloc}:{m.group('line')}" if m.group('line') else wloc
                        if 'comes from an in-repo plugin' in wmsg:
                            wcause = 'in-repo plugin target type kept generic (info)'
                        elif re.search(r'[Uu]nmatched glob', wmsg):
                            wcause = 'unmatched glob warnings (check any-match: Pants warns only if no glob of the field matches)'
                        else:
                            wcause = classify(wmsg, repo, args.corpus)[0]
                        w = warnings.setdefault(wcause, {'repos': collections.Counter(), 'example': (repo, wwhere, wmsg)})
                        w['repos'][repo] += 1
                    continue
                loc = m.group('loc') or m.group('loc2') or ''
                where = f"{loc}:{m.group('line')}" if m.group('line') else loc
                msg = m.group('msg')
                cause, item, owner = classify(msg, repo, args.corpus)
                key = (where, msg)
                if goal == 'deps' and (repo, key) in causes.get(cause, {}).get('seen', set()):
                    continue  # same diagnostic as in list ::
                c = causes.setdefault(cause, {'owner': owner, 'repos': collections.Counter(), 'example': None, 'seen': set(), 'items': {}})
                c['repos'][repo] += 1
                c['seen'].add((repo, key))
                if goal == 'list':
                    per_repo[repo] += 1
                if c['example'] is None:
                    c['example'] = (repo, where, msg)
                if item:
                    it = c['items'].setdefault(item, [set(), (repo, where)])
                    it[0].add(repo)
    now = datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')
    print(f"# Corpus triage ({now})\n")
    if args.commit:
        print(f"Binary built from main at `{args.commit}`.\n")
    if args.tsv and os.path.exists(args.tsv):
        rows = [l.rstrip('\n').split('\t') for l in open(args.tsv)]
        hdr, rows = rows[0], rows[1:]
        clean = [r for r in rows if r[3] == '0' and r[8] == '0' and r[5] == '0' and r[9] == '0']
        print(f"{len(clean)} of {len(rows)} repositories load clean (0 errors and exit 0 in `list ::` and `dependencies ::`).\n")
        blank = [r[0] for r in rows if r[2] == '0' and r[3] != '0']
        if blank:
            print(f"**Blank answers:** {len(blank)} repositories print no address at all because of errors "
                  f"(never-blank, issue 17 item 4): {', '.join(blank)}.\n")
        if args.prev and os.path.exists(args.prev):
            prev = {r[0]: r for r in (l.rstrip('\n').split('\t') for l in list(open(args.prev))[1:])}
            worse, better = [], []
            for r in rows:
                p = prev.get(r[0])
                if not p:
                    continue
                d_addr = int(r[2]) - int(p[2])
                d_err = (int(r[3]) + int(r[8])) - (int(p[3]) + int(p[8]))
                if d_err > 0 or (d_addr < 0 and r[3] == '0'):
                    worse.append(f"{r[0]} (errors {p[3]}/{p[8]} → {r[3]}/{r[8]}, addresses {p[2]} → {r[2]})")
                elif d_err < 0 or d_addr > 0:
                    better.append(f"{r[0]} (errors {p[3]}/{p[8]} → {r[3]}/{r[8]}, addresses {p[2]} → {r[2]})")
            if worse:
                print('**Regressions since the previous run:** ' + '; '.join(worse) + '\n')
            if better:
                print('Improved since the previous run: ' + '; '.join(better) + '\n')
        print('| repository | addresses | errors | warnings | rc | list s | deps errors | deps rc | deps s |')
        print('|---|---:|---:|---:|---:|---:|---:|---:|---:|')
        for r in sorted(rows, key=lambda r: (-int(r[3] or 0) - int(r[8] or 0), r[0].lower())):
            print(f'| {r[0]} | {r[2]} | {r[3]} | {r[4]} | {r[5]} | {r[6]} | {r[8]} | {r[9]} | {r[10]} |')
        print()
    print('## Root causes (by repositories affected)\n')
    print('Owner guess: H1 grammar/evaluator, H3 target types/fields/plugins, H4 loader semantics.\n')
    items = sorted(causes.items(), key=lambda kv: (-len(kv[1]['repos']), -sum(kv[1]['repos'].values()), kv[0]))
    for i, (cause, c) in enumerate(items, 1):
        repo, where, msg = c['example']
        n = sum(c['repos'].values())
        print(f"{i}. **{cause}** [{c['owner']}]: {len(c['repos'])} repos, {n} errors "
              f"({', '.join(f'{r} {k}' for r, k in c['repos'].most_common(6))}{', …' if len(c['repos']) > 6 else ''})")
        print(f"   - e.g. {repo} `{where}`: {msg[:300]}")
        if c['items']:
            its = sorted(c['items'].items(), key=lambda kv: (-len(kv[1][0]), kv[0]))
            print('   - ' + '; '.join(f"`{k}` ({len(v[0])}: {v[1][0]} {v[1][1]})" for k, v in its[:40])
                  + (f'; … {len(its) - 40} more' if len(its) > 40 else ''))
    if not items:
        print('No error diagnostics.')
    if warnings:
        print('\n## Warnings (list ::)\n')
        for cause, w in sorted(warnings.items(), key=lambda kv: -len(kv[1]['repos'])):
            repo, where, msg = w['example']
            print(f"- **{cause}**: {len(w['repos'])} repos, {sum(w['repos'].values())} warnings "
                  f"({', '.join(f'{r} {k}' for r, k in w['repos'].most_common(8))}); e.g. {repo} `{where}`: {msg[:240]}")
    if args.notes and os.path.exists(args.notes):
        print()
        print(open(args.notes).read().rstrip())


if __name__ == '__main__':
    sys.exit(main())
