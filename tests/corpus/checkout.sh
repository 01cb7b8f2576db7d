#!/usr/bin/env bash
# Checks out every corpus.tsv repository at its recorded commit under DIR/<owner>+<name>.
#
#   tests/corpus/checkout.sh DIR
#
# Needs network access to github.com (CI has none: the corpus is a local,
# manual test). Existing checkouts are left alone. The commit of each checkout
# is written to DIR/.commits/<owner>+<name>, which run.sh compares with the manifest.
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dir=${1:?usage: $0 DIR}
mkdir -p "$dir/.commits"
while IFS=$'\t' read -r repo commit _; do
    [[ -z "$repo" || "$repo" == \#* || "$repo" == repository ]] && continue
    name=${repo/\//+}
    [[ -e "$dir/$name" ]] && continue
    echo "== $repo @ $commit"
    if git clone --quiet --filter=blob:none --no-checkout "https://github.com/$repo.git" "$dir/$name" &&
        git -C "$dir/$name" checkout --quiet "$commit"; then
        echo "$commit" >"$dir/.commits/$name"
    else
        echo "warning: could not check out $repo" >&2
        rm -rf "${dir:?}/$name"
    fi
done <"$here/corpus.tsv"
