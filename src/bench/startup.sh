#!/usr/bin/env bash
# Start-up benchmark of the packaged tool, run through the launcher users run.
#
#   ./mvnw -q package -DskipTests && src/bench/startup.sh [runs]
#
# Builds nothing of the project: it needs target/ from `package`, and hyperfine and GNU time
# (Debian: apt-get install hyperfine time). It prints, in one hyperfine run each:
#   1. the seed example (Llama 4 Scout, 1,048,576 cached tokens, 1 input token) beside a Java
#      hello-world started by the same java binary with default flags, and their ratio;
#   2. the same model by hub name, beside the local file: from the bundled snapshot when the
#      Hub's name does not resolve (no network), offline, and with the HTTP client run against a
#      closed loopback port (connection refused);
#   3. --batch-size 2 beside --batch-size 2000000000 (Llama 4 Maverick);
#   4. Qwen3 8B, Gemma 3 27B, Qwen3-Next and gpt-oss-20b (--quantization auto: its MXFP4 experts)
#      beside Llama 3.1 8B (local files, the same step): the families beyond llama;
#   5. DeepSeek-V3 by default beside --quantization auto (its FP8 quantization_config read);
#   6. the seed example in --format json and --format csv beside the table;
#   7. the seed example with --device h100-sxm, and with a chart drawn (--plot, SVG and PNG: the
#      whole process, writing the file included), beside the table;
#   8. the seed example and DeepSeek-V3 with --refined beside the default cost model;
#   9. Llama 3.1 70B on eight H100s (--tp 8) and DeepSeek-V3 on eight H200s (--dp 8 --ep 8)
#      beside the same step on one device;
#  10. a request of 2 output tokens beside one of 1,000,000,000 (the sum is closed-form);
# then the peak RSS (median of 5) of each command.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-20}

for tool in hyperfine /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "error: $tool is needed (Debian: apt-get install hyperfine time)" >&2; exit 2; }
done
launcher=target/transformer-roofline-analyzer
[ -x "$launcher" ] || { echo "error: $launcher missing: run ./mvnw -q package -DskipTests first" >&2; exit 2; }

# The java the launcher uses.
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java=$JAVA_HOME/bin/java; else java=$(command -v java); fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/Hello.java" <<'JAVA'
public class Hello {
  public static void main(String[] args) {
    System.out.println("Hello, world");
  }
}
JAVA
"${java%/java}/javac" -d "$work" "$work/Hello.java"
# The Hub is never reached: an empty HF_HOME, and an endpoint that cannot resolve (.invalid)
# or a closed loopback port.
export HF_HOME=$work/hf-home HF_ENDPOINT=http://hub.invalid

catalog=src/main/resources/dev/roofline/analyzer/catalog
scout=$catalog/meta-llama--Llama-4-Scout-17B-16E.json
maverick=$catalog/meta-llama--Llama-4-Maverick-17B-128E.json
hello="$java -cp $work Hello"
local_run="$launcher --cached-tokens 1048576 --input-tokens 1 -- $scout"
hub_run="$launcher --cached-tokens 1048576 --input-tokens 1 -- meta-llama/Llama-4-Scout-17B-16E"
refused_run="env HF_ENDPOINT=http://127.0.0.1:1 $hub_run"
offline_run="$launcher --offline --cached-tokens 1048576 --input-tokens 1 -- meta-llama/Llama-4-Scout-17B-16E"
batch2="$launcher --cached-tokens 1000000 3 --input-tokens 1 7 --batch-size 2 -- $maverick"
batch2e9="$launcher --cached-tokens 1000000 3 --input-tokens 1 7 --batch-size 2000000000 -- $maverick"
llama_run="$launcher --cached-tokens 8192 --input-tokens 1 -- $catalog/meta-llama--Llama-3.1-8B.json"
qwen3_run="$launcher --cached-tokens 8192 --input-tokens 1 -- $catalog/Qwen--Qwen3-8B.json"
gemma3_run="$launcher --cached-tokens 8192 --input-tokens 1 -- $catalog/google--gemma-3-27b-it.json"
qwen3_next_run="$launcher --cached-tokens 8192 --input-tokens 1 -- $catalog/Qwen--Qwen3-Next-80B-A3B-Instruct.json"
gpt_oss_auto="$launcher --quantization auto --cached-tokens 8192 --input-tokens 1 -- $catalog/openai--gpt-oss-20b.json"
deepseek_run="$launcher --cached-tokens 8192 --input-tokens 1 -- $catalog/deepseek-ai--DeepSeek-V3.json"
deepseek_auto="$launcher --quantization auto --cached-tokens 8192 --input-tokens 1 -- $catalog/deepseek-ai--DeepSeek-V3.json"

echo "# $(date -u +%Y-%m-%d), $(nproc) cores, $("$java" -version 2>&1 | head -n 1)"
bench() {
  local json=$work/result.json
  hyperfine -N --warmup 3 --runs "$runs" --export-json "$json" "$@" >/dev/null 2>&1
  python3 - "$json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
base = results[0]["median"]
print(f"{'median':>9} {'mean':>9} {'σ':>7} {'ratio':>6}  command")
for r in results:
    print(f"{r['median']*1000:7.1f}ms {r['mean']*1000:7.1f}ms {r['stddev']*1000:5.1f}ms {r['median']/base:6.2f}  {r['command']}")
PY
}
echo
echo "## Start-up: tool vs Java hello-world"
bench "$hello" "$local_run"
echo
echo "## Hub names vs the local file"
bench "$local_run" "$hub_run" "$offline_run" "$refused_run"
echo
echo "## Batch size 2 vs 2,000,000,000"
bench "$batch2" "$batch2e9"
echo
echo "## Other families vs a llama config"
bench "$llama_run" "$qwen3_run" "$gemma3_run" "$qwen3_next_run" "$gpt_oss_auto"
echo
echo "## DeepSeek-V3: config dtype vs --quantization auto"
bench "$deepseek_run" "$deepseek_auto"
echo
echo "## Output formats vs the table"
bench "$local_run" "$launcher --format json --cached-tokens 1048576 --input-tokens 1 -- $scout" \
  "$launcher --format csv --cached-tokens 1048576 --input-tokens 1 -- $scout"
echo
echo "## A device and a chart vs the table"
device_run="$launcher --device h100-sxm --cached-tokens 1048576 --input-tokens 1 -- $scout"
bench "$local_run" "$device_run" \
  "$launcher --device h100-sxm --plot $work/chart.svg --cached-tokens 1048576 --input-tokens 1 -- $scout" \
  "$launcher --device h100-sxm --plot $work/chart.png --cached-tokens 1048576 --input-tokens 1 -- $scout"
echo
echo "## The refined cost model vs the default"
bench "$local_run" "$launcher --refined --cached-tokens 1048576 --input-tokens 1 -- $scout"
bench "$deepseek_run" "$launcher --refined --cached-tokens 8192 --input-tokens 1 -- $catalog/deepseek-ai--DeepSeek-V3.json"
echo
echo "## Many devices vs one"
llama70=$catalog/meta-llama--Llama-3.1-70B.json
bench "$launcher --device h100-sxm --cached-tokens 8192 -- $llama70" \
  "$launcher --device h100-sxm --tp 8 --cached-tokens 8192 -- $llama70"
bench "$launcher --device h200-sxm --batch-size 64 --cached-tokens 4096 -- $catalog/deepseek-ai--DeepSeek-V3.json" \
  "$launcher --device h200-sxm --dp 8 --ep 8 --batch-size 64 --cached-tokens 4096 -- $catalog/deepseek-ai--DeepSeek-V3.json"
echo
echo "## A request of 2 output tokens vs 10^9"
bench "$launcher --device h100-sxm --input-tokens 2048 --output-tokens 2 -- $catalog/meta-llama--Llama-3.1-8B.json" \
  "$launcher --device h100-sxm --input-tokens 2048 --output-tokens 1000000000 -- $catalog/meta-llama--Llama-3.1-8B.json"
echo
echo "## Peak RSS (median of 5)"
rss() {
  for _ in 1 2 3 4 5; do /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; done | sort -n | sed -n 3p
}
base=$(rss $hello)
for cmd in "$hello" "$local_run" "$hub_run" "$batch2" "$batch2e9" "$llama_run" "$qwen3_run" "$device_run" \
  "$launcher --device h100-sxm --plot $work/chart.png --cached-tokens 1048576 --input-tokens 1 -- $scout"; do
  kb=$(rss $cmd)
  awk -v kb="$kb" -v base="$base" -v cmd="$cmd" 'BEGIN { printf "%8.1f MiB %5.2f  %s\n", kb / 1024, kb / base, cmd }'
done
