#!/usr/bin/env bash
# Whole-process comparison with the peers installable here from npm, on the same corpus files in the same run:
# files/s over the corpus, one-file cold start (median of 10), and peak memory (max RSS) for the corpus run.
# Usage: bash bench/whole-process.sh   (PLIMSOLL_SHARED may point at the shared data folder)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
shared=${PLIMSOLL_SHARED:-$root/../shared}
dockerfiles="$shared/corpus/dockerfiles"
composes="$shared/corpus/compose"
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)"; exit 2; }

# The tool as users install it: the release packages (Native AOT for this machine), installed from a local feed.
# Also the framework-dependent build (what pre-commit's `dotnet pack` installs, and the 'any' fallback) for reference.
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
bash tools/pack-release.sh "$work/feed" >/dev/null
printf '<?xml version="1.0"?><configuration><packageSources><clear /></packageSources></configuration>' > "$work/nuget.config"
dotnet tool install --configfile "$work/nuget.config" --tool-path "$work/tool" --add-source "$work/feed" Plimsoll >/dev/null
plimsoll="$work/tool/plimsoll"
dotnet build src/Plimsoll.Cli -c Release -v quiet --nologo >/dev/null
plimsoll_jit="dotnet $root/src/Plimsoll.Cli/bin/Release/net10.0/plimsoll.dll"
npm ci --prefix bench/peers --no-audit --no-fund --loglevel=error >/dev/null
bin="$root/bench/peers/node_modules/.bin"

nd=$(ls "$dockerfiles" | wc -l); nc=$(ls "$composes" | wc -l)
one_df="$dockerfiles/$(ls "$dockerfiles" | sed -n 1p)"
one_co="$composes/$(ls "$composes" | sed -n 1p)"
sample=200 # dockerfile-utils lints one file per process: measured on a sample, reported per file

# seconds (median of RUNS runs, default 5) and max RSS (KiB, of one more run) of a command
measure() {
  hyperfine -i -N --runs "${RUNS:-5}" --export-json /tmp/plimsoll-bench-corpus.json "$(printf '%q ' "$@")" >/dev/null 2>&1
  local secs; secs=$(python3 -c "import json;print('%.3f' % json.load(open('/tmp/plimsoll-bench-corpus.json'))['results'][0]['median'])")
  /usr/bin/time -f '%M' -o /tmp/plimsoll-bench-time "$@" >/dev/null 2>&1 || true
  echo "$secs $(tail -1 /tmp/plimsoll-bench-time)"
}
cold() { hyperfine -i -N --runs 10 --warmup 1 --export-json /tmp/plimsoll-bench-cold.json "$1" >/dev/null 2>&1; python3 -c "import json;print('%.0f' % (json.load(open('/tmp/plimsoll-bench-cold.json'))['results'][0]['median']*1000))"; }
row() { awk -v name="$1" -v files="$2" -v secs="$3" -v rss="$4" -v cold="$5" 'BEGIN { printf "| %-34s | %6d | %8.3f | %9.1f | %8d | %9.1f |\n", name, files, secs, files/(secs>0?secs:0.001), cold, rss/1024 }'; }

echo "| tool | files | seconds | files/s | cold ms | peak MB |"
echo "|---|---:|---:|---:|---:|---:|"
read -r s m < <(measure $plimsoll lint --kind dockerfile --severity-threshold none --quiet "$dockerfiles")
row "plimsoll lint (Dockerfiles)" "$nd" "$s" "$m" "$(cold "$plimsoll lint --severity-threshold none --kind dockerfile $one_df")"
read -r s m < <(measure $plimsoll_jit lint --kind dockerfile --severity-threshold none --quiet "$dockerfiles")
row "plimsoll JIT build (Dockerfiles)" "$nd" "$s" "$m" "$(cold "$plimsoll_jit lint --severity-threshold none --kind dockerfile $one_df")"
read -r s m < <(RUNS=3 measure "$bin/dockerfilelint" "$dockerfiles"/*)
row "dockerfilelint 1.8.0" "$nd" "$s" "$m" "$(cold "$bin/dockerfilelint $one_df")"
files=$(ls "$dockerfiles" | sed -n "1,${sample}p")
start=$(date +%s.%N); for f in $files; do "$bin/dockerfile-utils" lint "$dockerfiles/$f" >/dev/null 2>&1 || true; done; end=$(date +%s.%N)
read -r _ m < <(measure "$bin/dockerfile-utils" lint "$one_df")
row "dockerfile-utils 0.16.3 lint (1/file)" "$sample" "$(echo "$end - $start" | bc)" "$m" "$(cold "$bin/dockerfile-utils lint $one_df")"
read -r s m < <(measure $plimsoll lint --kind compose --severity-threshold none --quiet "$composes")
row "plimsoll lint (compose)" "$nc" "$s" "$m" "$(cold "$plimsoll lint --severity-threshold none --kind compose $one_co")"
read -r s m < <(measure $plimsoll_jit lint --kind compose --severity-threshold none --quiet "$composes")
row "plimsoll JIT build (compose)" "$nc" "$s" "$m" "$(cold "$plimsoll_jit lint --severity-threshold none --kind compose $one_co")"
read -r s m < <(RUNS=3 measure "$bin/dclint" "$composes"/*)
row "dclint 3.1.0" "$nc" "$s" "$m" "$(cold "$bin/dclint $one_co")"
