#!/usr/bin/env bash
# Runs Trellis over the real-world corpus listed in corpus.tsv and prints a table.
#
#   tests/corpus/run.sh DIR [TRELLIS_BINARY]
#
# DIR holds one checkout per manifest row, named <owner>+<name> (see README.md).
# For each checkout found, runs `trellis list ::` and `trellis dependencies ::`
# (each under `timeout`), and prints: addresses printed, error diagnostics on
# stderr, exit code and wall time of each; then totals. Missing checkouts are
# skipped with a note. stdout/stderr of every run are kept under the log
# directory (default DIR/_logs, or $CORPUS_LOG_DIR).
#
# An optional fourth manifest column holds NAME=value words exported for that
# repository only (variables its pants.toml needs that its CI sets).
#
# Environment: CORPUS_TIMEOUT (seconds, default 120), CORPUS_ONLY (regex on the
# repository name), CORPUS_TSV (write the table as TSV to this file too).
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
manifest="$here/corpus.tsv"
dir=${1:-}
if [[ -z "$dir" || ! -d "$dir" ]]; then
    echo "usage: $0 DIR [TRELLIS_BINARY]" >&2
    exit 2
fi
dir=$(cd "$dir" && pwd)
bin=${2:-"$here/../../build/dev/app/trellis"}
if [[ ! -x "$bin" ]]; then
    echo "error: no trellis binary at $bin (build target trellis, or pass its path)" >&2
    exit 2
fi
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
timeout_s=${CORPUS_TIMEOUT:-120}
only=${CORPUS_ONLY:-}
logs=${CORPUS_LOG_DIR:-"$dir/_logs"}
mkdir -p "$logs"

# Error diagnostics are lines `[location: ]error: message` (base::Diagnostic::format).
count_errors() { grep -cE '^([^[:space:]]+: )?error: ' "$1" 2>/dev/null || true; }
count_warnings() { grep -cE '^([^[:space:]]+: )?warning: ' "$1" 2>/dev/null || true; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# run_one REPO_DIR LOG_PREFIX GOAL... : sets rc, secs, lines, errs, warns
run_one() {
    local root=$1 prefix=$2
    shift 2
    local t0 t1
    t0=$(now)
    (cd "$root" && for kv in $repo_env; do export "${kv?}"; done &&
        timeout "$timeout_s" "$bin" --root "$root" "$@" >"$prefix.stdout" 2>"$prefix.stderr")
    rc=$?
    t1=$(now)
    secs=$(elapsed "$t0" "$t1")
    [[ $rc -eq 124 ]] && secs="T/O"
    lines=$(grep -c . "$prefix.stdout" || true)
    errs=$(count_errors "$prefix.stderr")
    warns=$(count_warnings "$prefix.stderr")
}

fmt='%-46s %8s %5s %5s %3s %7s | %8s %5s %3s %7s\n'
printf "$fmt" repository addresses errs warns rc list_s deps errs rc deps_s
printf '%s\n' "$(printf '%.0s-' {1..112})"
[[ -n "${CORPUS_TSV:-}" ]] && printf 'repository\tcommit\taddresses\terrors\twarnings\tlist_rc\tlist_s\tdeps\tdeps_errors\tdeps_rc\tdeps_s\n' >"$CORPUS_TSV"

n_run=0 n_skip=0 n_clean=0 tot_addr=0 tot_err=0 tot_derr=0 tot_list=0 tot_deps=0
skipped=()
remarks=()
while IFS=$'\t' read -r repo commit notes repo_env; do
    repo_env=${repo_env:-}
    [[ -z "$repo" || "$repo" == \#* || "$repo" == repository ]] && continue
    [[ -n "$only" && ! "$repo" =~ $only ]] && continue
    name=${repo/\//+}
    root="$dir/$name"
    if [[ ! -f "$root/pants.toml" && ! -f "$root/BUILD_ROOT" ]]; then
        skipped+=("$repo (no checkout at $root)")
        n_skip=$((n_skip + 1))
        continue
    fi
    if [[ -f "$dir/.commits/$name" && "$(cat "$dir/.commits/$name")" != "$commit" ]]; then
        remarks+=("$repo: checkout is at $(cat "$dir/.commits/$name"), manifest says $commit (run anyway)")
    fi
    run_one "$root" "$logs/$name.list" list ::
    l_rc=$rc l_s=$secs l_addr=$lines l_err=$errs l_warn=$warns
    run_one "$root" "$logs/$name.deps" dependencies ::
    d_rc=$rc d_s=$secs d_lines=$lines d_err=$errs
    printf "$fmt" "$repo" "$l_addr" "$l_err" "$l_warn" "$l_rc" "$l_s" "$d_lines" "$d_err" "$d_rc" "$d_s"
    [[ -n "${CORPUS_TSV:-}" ]] && printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$repo" "$commit" \
        "$l_addr" "$l_err" "$l_warn" "$l_rc" "$l_s" "$d_lines" "$d_err" "$d_rc" "$d_s" >>"$CORPUS_TSV"
    n_run=$((n_run + 1))
    tot_addr=$((tot_addr + l_addr))
    tot_err=$((tot_err + l_err))
    tot_derr=$((tot_derr + d_err))
    [[ $l_err -eq 0 && $d_err -eq 0 && $l_rc -eq 0 && $d_rc -eq 0 ]] && n_clean=$((n_clean + 1))
    [[ "$l_s" != T/O ]] && tot_list=$(awk -v a="$tot_list" -v b="$l_s" 'BEGIN { printf "%.2f", a + b }')
    [[ "$d_s" != T/O ]] && tot_deps=$(awk -v a="$tot_deps" -v b="$d_s" 'BEGIN { printf "%.2f", a + b }')
done <"$manifest"

printf '%s\n' "$(printf '%.0s-' {1..112})"
printf "$fmt" "TOTAL ($n_run run, $n_clean clean)" "$tot_addr" "$tot_err" "" "" "$tot_list" "" "$tot_derr" "" "$tot_deps"
if [[ ${#skipped[@]} -gt 0 ]]; then
    for s in "${skipped[@]}"; do echo "note: skipped $s"; done
fi
if [[ ${#remarks[@]} -gt 0 ]]; then
    for s in "${remarks[@]}"; do echo "note: $s"; done
fi
echo "logs: $logs"
[[ $n_clean -eq $n_run ]]
