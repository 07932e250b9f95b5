#!/usr/bin/env bash
# End-to-end benchmark (issue 8): generates deterministic corpora (dyad-corpus, seed 42),
# codes each with `dyad code` (JSONL outputs and the SQLite store) on one core and on two
# threads, and prints the figures docs/benchmarks.md (`## End to end`) quotes:
#
#   - "1 core": every thread of the process pinned to CPU 0 (`taskset -c 0`) with
#     `--threads 1`; without the pinning the reader and writer threads would borrow the
#     second core and flatter the per-core figure.
#   - "2": `--threads 2`, unpinned (all cores of a 2-core machine).
#   - MB/s is raw text (decoded article bodies, as dyad's run summary counts them) per
#     second of wall time; "MB/s/core" divides it by the cores used; "MB/CPU-s" divides
#     it by the CPU time (user + sys) the process used, the steadier figure when other work
#     shares the machine; peak RSS from GNU time.
#   - the 1 → 2 speed-up of each size, and start-up (a one-article run, best and median
#     of 5), as wall time and peak RSS.
#
#   scripts/bench-e2e.sh [SIZE_MB ...]        (default: 10 100)
#   RUNS=3 scripts/bench-e2e.sh 10            (best of 3 runs per row; default 1)
#   RCS=1 scripts/bench-e2e.sh 10             (also read + clean + split alone)
#
# Needs GNU time (/usr/bin/time) and taskset (util-linux).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -eq 0 ]; then sizes=(10 100); else sizes=("$@"); fi
runs=${RUNS:-1}
for tool in /usr/bin/time taskset bc; do
  command -v "$tool" >/dev/null || { echo "bench-e2e: $tool is needed" >&2; exit 1; }
done
cargo build --release -q -p dyad -p dyad-bench
mkdir -p bench-corpus
dyad=./target/release/dyad
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(git rev-parse --short HEAD)"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# One run: prints "wall cpu rss_kb mb docs sentences" (mb, docs and sentences from dyad's summary).
run_once() { # corpus threads pin
  local out; out=$(mktemp -d)
  local pre=()
  [ "$3" = pin ] && pre=(taskset -c 0)
  "${pre[@]}" /usr/bin/time -f '%e %U %S %M' -o "$out/time" \
    "$dyad" code "$1" --out "$out" --threads "$2" 2>"$out/summary" >/dev/null
  local e u s m; read -r e u s m <"$out/time"
  local mb docs sents
  mb=$(sed -nE 's/^dyad: ([0-9.]+) MB in .*/\1/p' "$out/summary" | tail -1)
  docs=$(sed -nE 's/^dyad: ([0-9]+) documents read.*/\1/p' "$out/summary" | tail -1)
  sents=$(sed -nE 's/^dyad: ([0-9]+) sentences.*/\1/p' "$out/summary" | tail -1)
  rm -rf "$out"
  echo "$e $(echo "$u + $s" | bc) $m $mb $docs $sents"
}

printf '%-8s %-7s %8s %8s %10s %8s %9s %12s %9s %9s %6s\n' \
  size cores wall_s MB/s MB/s/core docs/s CPU_s sentences/s MB/CPU-s peak_MB load
declare -A best
for mb in "${sizes[@]}"; do
  corpus="bench-corpus/${mb}mb.jsonl.gz"
  [ -f "$corpus" ] || ./target/release/dyad-corpus --size-mb "$mb" --out "$corpus" 2>/dev/null
  for mode in 1 2; do
    if [ "$mode" = 1 ]; then t=1; pin=pin; label="1 core"; cores=1; else t=2; pin=no; label="2"; cores=2; fi
    top=""
    for _ in $(seq "$runs"); do
      r=$(run_once "$corpus" "$t" "$pin")
      if [ -z "$top" ] || (( $(echo "$(cut -d' ' -f1 <<<"$r") < $(cut -d' ' -f1 <<<"$top")" | bc) )); then top=$r; fi
    done
    read -r e cpu rss raw docs sents <<<"$top"
    best[$mb.$mode]=$e
    printf '%-8s %-7s %8.2f %8.2f %10.2f %8.0f %9.2f %12.0f %9.2f %9.0f %6s\n' "${mb}MB" "$label" \
      "$e" "$(echo "$raw / $e" | bc -l)" "$(echo "$raw / $e / $cores" | bc -l)" \
      "$(echo "$docs / $e" | bc -l)" "$cpu" "$(echo "$sents / $e" | bc -l)" \
      "$(echo "$raw / $cpu" | bc -l)" "$((rss / 1024))" "$(cut -d' ' -f1 /proc/loadavg)"
  done
done
echo
for mb in "${sizes[@]}"; do
  printf '1 -> 2 speed-up, %s MB: %.2fx\n' "$mb" "$(echo "${best[$mb.1]} / ${best[$mb.2]}" | bc -l)"
done

# Start-up: a one-article input (the gazetteer is waited for and used), 5 runs.
one=$(mktemp -d)
# (zcat stops on a closed pipe once head has its line; that is not a failure.)
{ zcat "bench-corpus/${sizes[0]}mb.jsonl.gz" || true; } | head -1 >"$one/one.jsonl"
walls=()
for _ in 1 2 3 4 5; do
  /usr/bin/time -f '%e %M' -o "$one/time" "$dyad" code "$one/one.jsonl" --out "$one/out" 2>/dev/null >/dev/null
  read -r e m <"$one/time"
  walls+=("$e"); rss=$m
done
sorted=$(printf '%s\n' "${walls[@]}" | sort -n | tr '\n' ' ')
read -r -a s <<<"$sorted"
echo "start-up (one article, 5 runs): best ${s[0]} s, median ${s[2]} s, peak RSS $((rss / 1024)) MB"
rm -rf "$one"

if [ "${RCS:-0}" = 1 ]; then
  echo
  echo "read + clean + split (read-clean-split, batches of 256):"
  for mb in "${sizes[@]}"; do
    corpus="bench-corpus/${mb}mb.jsonl.gz"
    for t in 1 2; do
      printf '%-10s threads %-3s ' "${mb}MB" "$t"
      ./target/release/read-clean-split "$corpus" --threads "$t" | tail -1
    done
  done
fi
