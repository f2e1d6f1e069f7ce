#!/usr/bin/env bash
# Writes one plain tree per (repo, commit) of the dev set, from the fetched git snapshots
# (shared/eval/README.md). Resumable: finished trees are marked with <tree>.ok.
set -uo pipefail
DATASET=${1:-../shared/eval/dev_commit_localization.jsonl}
DEST=${DEST:-/tmp/devtrees}
MIRROR=${MIRROR:-/work/.mirror}
mkdir -p "$DEST"
node -e '
const seen = new Set();
for (const line of require("fs").readFileSync(process.argv[1], "utf8").split("\n")) {
  if (!line.trim()) continue;
  const r = JSON.parse(line);
  const key = r.repo + " " + r.commit;
  if (!seen.has(key)) { seen.add(key); console.log(key); }
}' "$DATASET" | while read -r repo commit; do
  gitdir=$MIRROR/${repo/\//+}/repo
  out=$DEST/${repo/\//+}@$commit
  [ -e "$out.ok" ] && continue
  rm -rf "$out" && mkdir -p "$out"
  # TanStack/query's snapshot lacks media/logo.sketch; excluding it keeps git archive whole.
  if git -C "$gitdir" archive "$commit" -- . ':(exclude)media/logo.sketch' 2>/dev/null | tar -x -C "$out"; then
    touch "$out.ok"
  else
    echo "FAILED: $repo $commit" >&2
  fi
done
echo "trees in $DEST: $(ls "$DEST" | grep -c '\.ok$')"
