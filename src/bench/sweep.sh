#!/usr/bin/env bash
# Sweep benchmark of the packaged tool, through the launcher users run, on one core.
#
#   ./mvnw -q package -DskipTests && src/bench/sweep.sh [scenarios] [big]
#
# Builds nothing: it needs target/ from `package`, GNU time and taskset (Debian: apt-get install
# time util-linux). It prints:
#   1. speed: scenarios per second on one core (taskset -c 0) for a dense and a mixture-of-experts
#      model, each a sweep of about `scenarios` (default 200000) whole requests to /dev/null as CSV:
#      Llama-3.1-70B on h100-sxm, h200-sxm and mi300x over tp 1, 2, 4, 8 and batch 1..256:x2, and
#      DeepSeek-V3 (FP8, refined) on h200-sxm with tp 8 over dp 1, 8, ep 1, 8 and batch 8..512:x2,
#      both with 512 output tokens and as many cached-token values as make up the count. The rate
#      is the difference of two runs, the whole sweep and its first cached value alone, so that
#      the start-up, the config and the graph are not counted; the target is 100,000.
#   2. memory: the peak RSS of a sweep of 10^4 scenarios and of one of `big` (default 10^7), both
#      to /dev/null as CSV (Llama-3.1-70B on h100-sxm over tp, batch and cached tokens), and their
#      ratio; rows stream, so the target is at most 1.2.
set -euo pipefail
cd "$(dirname "$0")/../.."
scenarios=${1:-200000}
big=${2:-10000000}

for tool in /usr/bin/time taskset; do
  command -v "$tool" >/dev/null || { echo "error: $tool is needed (Debian: apt-get install time util-linux)" >&2; exit 2; }
done
launcher=target/transformer-roofline-analyzer
[ -x "$launcher" ] || { echo "error: $launcher missing: run ./mvnw -q package -DskipTests first" >&2; exit 2; }
(( big % 1000 == 0 && big >= 10000 )) || { echo "error: big must be a multiple of 1000, at least 10000" >&2; exit 2; }
catalog=src/main/resources/dev/roofline/analyzer/catalog
llama70=$catalog/meta-llama--Llama-3.1-70B.json
deepseek=$catalog/deepseek-ai--DeepSeek-V3.json
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java=$JAVA_HOME/bin/java; else java=$(command -v java); fi
echo "# $(date -u +%Y-%m-%d), $(nproc) cores, one used, $("$java" -version 2>&1 | head -n 1)"

# Seconds a command takes, to the microsecond, its output to /dev/null.
seconds() {
  local start=$EPOCHREALTIME
  taskset -c 0 "$@" >/dev/null
  local end=$EPOCHREALTIME
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.6f", b - a }'
}

# speed NAME FIXED MODEL ARGS...: FIXED is the number of scenarios of ARGS' own sweeps; a
# cached-token axis of as many values as make up $scenarios is added.
speed() {
  local name=$1 fixed=$2 model=$3
  shift 3
  local values=$(( (scenarios + fixed - 1) / fixed ))
  local total=$(( values * fixed ))
  local last=$(( (values - 1) * 16 ))
  # Warm the file cache and the class-data archive's pages first.
  seconds "$launcher" --format csv "$@" --sweep cached=0 -- "$model" >/dev/null
  local t1 tn
  t1=$(seconds "$launcher" --format csv "$@" --sweep cached=0 -- "$model")
  tn=$(seconds "$launcher" --format csv "$@" --sweep "cached=0..$last:+16" -- "$model")
  awk -v name="$name" -v fixed="$fixed" -v total="$total" -v t1="$t1" -v tn="$tn" 'BEGIN {
    rate = (total - fixed) / (tn - t1)
    printf "%s: %d scenarios in %.2f s, %d in %.2f s: %d scenarios/s on one core (target 100000: %s)\n",
      name, total, tn, fixed, t1, rate, (rate >= 100000 ? "met" : "not met")
  }'
}

echo
echo "## Speed"
speed "Llama-3.1-70B, 3 devices × 4 tp × 9 batches × cached" 108 "$llama70" \
  --sweep device=h100-sxm,h200-sxm,mi300x --sweep tp=1,2,4,8 --sweep batch=1..256:x2 \
  --input-tokens 4096 --output-tokens 512
speed "DeepSeek-V3, tp 8 × 2 dp × 2 ep × 7 batches × cached" 28 "$deepseek" \
  --device h200-sxm --quantization auto --refined --tp 8 --sweep dp=1,8 --sweep ep=1,8 --sweep batch=8..512:x2 \
  --input-tokens 4096 --output-tokens 512

echo
echo "## Peak RSS"
rss() {
  local count=$1
  local last=$(( (count / 1000 - 1) * 16 ))
  /usr/bin/time -f %M taskset -c 0 "$launcher" --format csv --device h100-sxm --sweep tp=1,2,4,8 --sweep batch=1..250 \
    --sweep "cached=0..$last:+16" -- "$llama70" 2>&1 >/dev/null | tail -n 1
}
small_kb=$(rss 10000)
big_kb=$(rss "$big")
awk -v s="$small_kb" -v b="$big_kb" -v big="$big" 'BEGIN {
  printf "10000 scenarios: %.1f MiB; %d scenarios: %.1f MiB; ratio %.2f (target at most 1.2: %s)\n",
    s / 1024, big, b / 1024, b / s, (b / s <= 1.2 ? "met" : "not met")
}'
