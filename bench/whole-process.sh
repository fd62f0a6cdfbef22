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

dotnet build src/Plimsoll.Cli -c Release -v quiet --nologo >/dev/null
npm ci --prefix bench/peers --no-audit --no-fund --loglevel=error >/dev/null
plimsoll="dotnet $root/src/Plimsoll.Cli/bin/Release/net10.0/plimsoll.dll"
bin="$root/bench/peers/node_modules/.bin"

nd=$(ls "$dockerfiles" | wc -l); nc=$(ls "$composes" | wc -l)
one_df="$dockerfiles/$(ls "$dockerfiles" | sed -n 1p)"
one_co="$composes/$(ls "$composes" | sed -n 1p)"
sample=200 # dockerfile-utils lints one file per process: measured on a sample, reported per file

# seconds and max RSS (KiB) of a command
measure() { /usr/bin/time -f '%e %M' -o /tmp/plimsoll-bench-time "$@" >/dev/null 2>&1 || true; cat /tmp/plimsoll-bench-time | tail -1; }
cold() { hyperfine -i -N --runs 10 --warmup 1 --export-json /tmp/plimsoll-bench-cold.json "$1" >/dev/null 2>&1; python3 -c "import json;print('%.0f' % (json.load(open('/tmp/plimsoll-bench-cold.json'))['results'][0]['median']*1000))"; }
row() { awk -v name="$1" -v files="$2" -v secs="$3" -v rss="$4" -v cold="$5" 'BEGIN { printf "| %-34s | %6d | %8.2f | %9.1f | %8d | %9.1f |\n", name, files, secs, files/(secs>0?secs:0.001), cold, rss/1024 }'; }

echo "| tool | files | seconds | files/s | cold ms | peak MB |"
echo "|---|---:|---:|---:|---:|---:|"
read -r s m < <(measure $plimsoll lint --kind dockerfile --severity-threshold none --quiet "$dockerfiles")
row "plimsoll lint (Dockerfiles)" "$nd" "$s" "$m" "$(cold "$plimsoll lint --severity-threshold none --kind dockerfile $one_df")"
read -r s m < <(measure "$bin/dockerfilelint" "$dockerfiles"/*)
row "dockerfilelint 1.8.0" "$nd" "$s" "$m" "$(cold "$bin/dockerfilelint $one_df")"
files=$(ls "$dockerfiles" | sed -n "1,${sample}p")
start=$(date +%s.%N); for f in $files; do "$bin/dockerfile-utils" lint "$dockerfiles/$f" >/dev/null 2>&1 || true; done; end=$(date +%s.%N)
read -r _ m < <(measure "$bin/dockerfile-utils" lint "$one_df")
row "dockerfile-utils 0.16.3 lint (1/file)" "$sample" "$(echo "$end - $start" | bc)" "$m" "$(cold "$bin/dockerfile-utils lint $one_df")"
read -r s m < <(measure $plimsoll lint --kind compose --severity-threshold none --quiet "$composes")
row "plimsoll lint (compose)" "$nc" "$s" "$m" "$(cold "$plimsoll lint --severity-threshold none --kind compose $one_co")"
read -r s m < <(measure "$bin/dclint" "$composes"/*)
row "dclint 3.1.0" "$nc" "$s" "$m" "$(cold "$bin/dclint $one_co")"
