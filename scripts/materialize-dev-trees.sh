#!/usr/bin/env bash
# Writes one plain tree per (repo, commit) of the dev set from the fetched git snapshots
# (shared/eval/README.md, "Materialise the trees"). Resumable: a finished tree has a <tree>.ok mark.
#
#   scripts/materialize-dev-trees.sh [dataset.jsonl]
#   env: DEST (default /tmp/devtrees), MIRROR (required: the folder holding OWNER+NAME/repo, as the
#        fetch tool writes it), DATASET (default ../shared/eval/dev_commit_localization.jsonl beside
#        this repository; the argument wins)
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
DATASET=${1:-${DATASET:-$here/../shared/eval/dev_commit_localization.jsonl}}
DEST=${DEST:-/tmp/devtrees}
MIRROR=${MIRROR:?set MIRROR to the folder holding OWNER+NAME/repo (the fetch tool's snapshots)}

[ -r "$DATASET" ] || { echo "materialize-dev-trees: cannot read dataset $DATASET" >&2; exit 2; }
mkdir -p "$DEST" || exit 2

# Distinct (repo, commit) pairs in dataset order; node is always there, python may not be.
pairs=$(node -e '
const seen = new Set();
const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n");
lines.forEach((line, i) => {
  if (!line.trim()) return;
  let r;
  try { r = JSON.parse(line); } catch (e) { console.error(`${process.argv[1]}:${i + 1}: not JSON`); process.exit(2); }
  const key = r.repo + " " + r.commit;
  if (!seen.has(key)) { seen.add(key); console.log(key); }
});' "$DATASET") || exit 2

failed=0
made=0
while read -r repo commit; do
  [ -n "$repo" ] || continue
  gitdir=$MIRROR/${repo/\//+}/repo
  out=$DEST/${repo/\//+}@$commit
  [ -e "$out.ok" ] && continue
  if [ ! -d "$gitdir" ]; then
    echo "FAILED: $repo $commit (no snapshot at $gitdir; fetch github:$repo first)" >&2
    failed=$((failed + 1)); continue
  fi
  rm -rf "$out" && mkdir -p "$out"
  # TanStack/query's snapshot lacks the blob media/logo.sketch: excluding it keeps the archive whole.
  # Git still reports that missing blob; drop only that line so every other error stays visible.
  if git -C "$gitdir" archive "$commit" -- . ':(exclude)media/logo.sketch' \
       2> >(grep -v "media/logo.sketch" >&2) | tar -x -C "$out"; then
    touch "$out.ok"; made=$((made + 1))
  else
    echo "FAILED: $repo $commit" >&2
    failed=$((failed + 1))
  fi
done <<< "$pairs"

echo "materialize-dev-trees: $made new, $(ls "$DEST" | grep -c '\.ok$') trees ready in $DEST, $failed failed"
[ "$failed" -eq 0 ]
