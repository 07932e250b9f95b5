#!/usr/bin/env bash
# End-to-end benchmark: generates deterministic corpora (dyad-corpus), codes them with
# `dyad code` on 1 and 2 threads, and prints MB/s of raw text, articles/s and peak RSS; then
# the read + clean + split stages alone (`read-clean-split`) on the same corpora.
#
#   scripts/bench-e2e.sh [SIZE_MB ...]        (default: 10 200)
#
# Needs GNU time (/usr/bin/time) for peak RSS; prints "n/a" without it.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -eq 0 ]; then sizes=(10 200); else sizes=("$@"); fi
cargo build --release -q -p dyad -p dyad-bench
mkdir -p bench-corpus
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p')"
printf '%-10s %-8s %10s %12s %10s %12s %12s\n' size threads seconds MB/s docs/s sentences/s peak_RSS_MB
for mb in "${sizes[@]}"; do
  corpus="bench-corpus/${mb}mb.jsonl.gz"
  [ -f "$corpus" ] || ./target/release/dyad-corpus --size-mb "$mb" --out "$corpus" 2>/dev/null
  for t in 1 2; do
    out=$(mktemp -d)
    if [ -x /usr/bin/time ]; then
      /usr/bin/time -f '%M' -o "$out/rss" ./target/release/dyad code "$corpus" --out "$out" --threads "$t" 2>"$out/summary"
      rss=$(( $(cat "$out/rss") / 1024 ))
    else
      ./target/release/dyad code "$corpus" --out "$out" --threads "$t" 2>"$out/summary"
      rss=n/a
    fi
    line=$(grep -E 'MB in .* s \(' "$out/summary" | tail -1)
    secs=$(sed -E 's/.* MB in ([0-9.]+) s.*/\1/' <<<"$line")
    mbs=$(sed -E 's/.*\(([0-9.]+) MB\/s.*/\1/' <<<"$line")
    dps=$(sed -E 's/.*, ([0-9.]+) documents\/s.*/\1/' <<<"$line")
    sents=$(sed -nE 's/^dyad: ([0-9]+) sentences.*/\1/p' "$out/summary" | tail -1)
    sps=$(awk -v n="${sents:-0}" -v s="$secs" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "n/a" }')
    printf '%-10s %-8s %10s %12s %10s %12s %12s\n' "${mb}MB" "$t" "$secs" "$mbs" "$dps" "$sps" "$rss"
    rm -rf "$out"
  done
done
echo
echo "read + clean + split (read-clean-split, batches of 256):"
for mb in "${sizes[@]}"; do
  corpus="bench-corpus/${mb}mb.jsonl.gz"
  for t in 1 2; do
    printf '%-10s threads %-3s ' "${mb}MB" "$t"
    ./target/release/read-clean-split "$corpus" --threads "$t" | tail -1
  done
done
