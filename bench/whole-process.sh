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

# seconds (median of RUNS runs, default 5) and max RSS (KiB, largest of the runs) of a command.
# Timed here rather than by hyperfine: the peers take the 3,236 paths as arguments, too long for one hyperfine argument.
measure() {
  local runs=${RUNS:-5} i start end times=() rss=0 m
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s.%N)
    /usr/bin/time -f '%M' -o /tmp/plimsoll-bench-time "$@" >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc)")
    m=$(tail -1 /tmp/plimsoll-bench-time); if [ "$m" -gt "$rss" ]; then rss=$m; fi
  done
  echo "$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }') $rss"
}
cold() { hyperfine -i -N --runs 10 --warmup 1 --export-json /tmp/plimsoll-bench-cold.json "$1" >/dev/null 2>&1; python3 -c "import json;print('%.0f' % (json.load(open('/tmp/plimsoll-bench-cold.json'))['results'][0]['median']*1000))"; }
row() { awk -v name="$1" -v files="$2" -v secs="$3" -v rss="$4" -v cold="$5" 'BEGIN { printf "| %-34s | %6d | %8.3f | %9.1f | %8d | %9.1f |\n", name, files, secs, files/(secs>0?secs:0.001), cold, rss/1024 }'; }

# The peers run no ShellCheck: Plimsoll is compared without it (PL7001 off), and timed with it in a row of its own.
export PLIMSOLL_SHELLCHECK=off
echo "| tool | files | seconds | files/s | cold ms | peak MB |"
echo "|---|---:|---:|---:|---:|---:|"
read -r s m < <(measure $plimsoll lint --kind dockerfile --severity-threshold none --quiet "$dockerfiles")
cold_df=$(cold "$plimsoll lint --severity-threshold none --kind dockerfile $one_df"); s_df=$s; m_df=$m
row "plimsoll lint (Dockerfiles)" "$nd" "$s" "$m" "$cold_df"
if command -v shellcheck >/dev/null; then
  read -r s m < <(PLIMSOLL_SHELLCHECK= RUNS=1 measure $plimsoll lint --kind dockerfile --severity-threshold none --quiet "$dockerfiles")
  row "plimsoll lint + ShellCheck (Dockerfiles)" "$nd" "$s" "$m" "$(PLIMSOLL_SHELLCHECK= cold "$plimsoll lint --severity-threshold none --kind dockerfile $one_df")"
fi
read -r s m < <(measure $plimsoll_jit lint --kind dockerfile --severity-threshold none --quiet "$dockerfiles")
row "plimsoll JIT build (Dockerfiles)" "$nd" "$s" "$m" "$(cold "$plimsoll_jit lint --severity-threshold none --kind dockerfile $one_df")"
read -r s m < <(RUNS=3 measure "$bin/dockerfilelint" "$dockerfiles"/*)
s_dfl=$s
row "dockerfilelint 1.8.0" "$nd" "$s" "$m" "$(cold "$bin/dockerfilelint $one_df")"
files=$(ls "$dockerfiles" | sed -n "1,${sample}p")
start=$(date +%s.%N); for f in $files; do "$bin/dockerfile-utils" lint "$dockerfiles/$f" >/dev/null 2>&1 || true; done; end=$(date +%s.%N)
read -r _ m < <(measure "$bin/dockerfile-utils" lint "$one_df")
row "dockerfile-utils 0.16.3 lint (1/file)" "$sample" "$(echo "$end - $start" | bc)" "$m" "$(cold "$bin/dockerfile-utils lint $one_df")"
read -r s m < <(measure $plimsoll lint --kind compose --severity-threshold none --quiet "$composes")
cold_co=$(cold "$plimsoll lint --severity-threshold none --kind compose $one_co"); s_co=$s; m_co=$m
row "plimsoll lint (compose)" "$nc" "$s" "$m" "$cold_co"
read -r s m < <(measure $plimsoll_jit lint --kind compose --severity-threshold none --quiet "$composes")
row "plimsoll JIT build (compose)" "$nc" "$s" "$m" "$(cold "$plimsoll_jit lint --severity-threshold none --kind compose $one_co")"
read -r s m < <(RUNS=3 measure "$bin/dclint" "$composes"/*)
row "dclint 3.1.0" "$nc" "$s" "$m" "$(cold "$bin/dclint $one_co")"
s_dcl=$s

echo
echo "Targets (issue: the dotnet tool in CI), for the installed tool:"
awk -v a="$s_dfl" -v b="$s_df" 'BEGIN { printf "- Dockerfiles: %.1fx dockerfilelint files/s (target >= 10x)\n", a / b }'
awk -v a="$s_dcl" -v b="$s_co" 'BEGIN { printf "- compose: %.0fx dclint files/s (target >= 100x)\n", a / b }'
echo "- one-file cold start: ${cold_df} ms Dockerfile, ${cold_co} ms compose (target <= 50 ms median)"
awk -v a="$m_df" -v b="$m_co" 'BEGIN { printf "- peak memory: %.1f MB Dockerfile corpus, %.1f MB compose corpus (target <= 100 MB)\n", a / 1024, b / 1024 }'
