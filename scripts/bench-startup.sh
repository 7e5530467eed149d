#!/usr/bin/env bash
# Startup and memory of the real desktop app under Xvfb (make bench).
#
# For each run: a fresh process on a store holding 200 documents, timed to the UI's own
# "interactive" mark (the library answered) twice: from the spawn (RECAP_STARTUP_LOG carries
# this script's wall clock at the spawn; the app prints `recap-spawn-to-ready <ms>`) and from
# `main` (`recap-ready <ms>`; the difference is the dynamic loader). Then the memory of the
# app and all its web processes once the library is shown: RSS summed (what `ps` shows) and
# PSS summed (shared pages divided among the processes, so nothing is counted twice). Then, in
# the same run, WebKitGTK's own MiniBrowser showing one line of text (three times): the floor
# any WebKitGTK app stands on. Prints the medians and asserts nothing.
# The four figures and their targets (issue #16, which settled the desktop issue's two):
#   startup  spawn to interactive, median                     < 500 ms
#   total    PSS of the app and all its web processes          (reported)
#   floor    PSS of MiniBrowser showing one line               (reported)
#   share    total - floor: what Recap itself costs            <= 100 MB
set -euo pipefail
APP=${1:?usage: bench-startup.sh PATH/TO/recap-desktop [RUNS]}
RUNS=${2:-7}
work=$(mktemp -d)
trap 'kill $xvfb_pid 2>/dev/null || true; rm -rf "$work"' EXIT

display=":$((200 + $$ % 300))"
Xvfb "$display" -screen 0 1440x960x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done

# A realistic library: 200 documents made by the CLI's sibling, the store API, through the
# app's own data folder (the first launch creates the store).
export RECAP_DATA_DIR="$work/data"
RECAP_BIN=${RECAP_BIN:-$(dirname "$APP")/recap}
if [ -x "$RECAP_BIN" ]; then
  for i in $(seq 200); do
    printf -- '---\ntitle: 第%s份工作总结\n---\n\n# 第%s份工作总结\n\n## 一、主要工作\n\n本月完成客户回访%s次，续约率提升到百分之九十。\n' "$i" "$i" "$i" > "$work/d.md"
    "$RECAP_BIN" --data-dir "$RECAP_DATA_DIR" docs add "$work/d.md" >/dev/null
  done
else
  echo "note: $RECAP_BIN not found; measuring on an empty store"
fi

tree_pids() { # a process and all its descendants
  local p=$1; echo "$p"
  for c in $(pgrep -P "$p" 2>/dev/null); do tree_pids "$c"; done
}

starts=(); spawns=(); rss=(); pss=()
for run in $(seq "$RUNS"); do
  # EPOCHREALTIME is a bash builtin: no process runs between reading the clock and the spawn.
  DISPLAY=$display RECAP_STARTUP_LOG=$(( ${EPOCHREALTIME/[.,]/} / 1000 )) "$APP" > "$work/out" 2>/dev/null &
  pid=$!
  ms=""
  for _ in $(seq 300); do
    ms=$(awk '/^recap-ready /{print $2; exit}' "$work/out" 2>/dev/null || true)
    [ -n "$ms" ] && break
    sleep 0.02
  done
  if [ -z "$ms" ]; then echo "run $run: the app never reported ready"; kill "$pid"; exit 1; fi
  sleep 1.5 # the library's rows and the preloaded editor settle
  r=0; s=0
  for p in $(tree_pids "$pid"); do
    v=$(awk '/^VmRSS:/{print $2}' "/proc/$p/status" 2>/dev/null || echo 0); r=$((r + ${v:-0}))
    v=$(awk '/^Pss:/{print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0); s=$((s + ${v:-0}))
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  spawn=$(awk '/^recap-spawn-to-ready /{print $2; exit}' "$work/out")
  starts+=("$ms"); spawns+=("${spawn:-0}"); rss+=($((r / 1024))); pss+=($((s / 1024)))
  echo "run $run: interactive ${spawns[-1]} ms after the spawn (${ms} ms after main), RSS ${rss[-1]} MB, PSS ${pss[-1]} MB"
  # Where the time went, in ms after the process started: store opened, window set up, page
  # requested, HTML in, DOM ready, script running, api loaded, data fetched, library shown.
  sed -n 's/^recap-marks /         /p' "$work/out"
done

# WebKitGTK's own floor on this machine: its MiniBrowser showing one line of Chinese, with
# the same drawing mode the app uses. Whatever the app needs above this is Recap's share.
floors=()
minibrowser=$(ls /usr/lib/*/webkit2gtk-4.1/MiniBrowser 2>/dev/null | head -1 || true)
if [ -n "$minibrowser" ]; then
  printf '<!doctype html><html lang="zh-Hans"><meta charset="utf-8"><p>复盘 Recap</p></html>' > "$work/floor.html"
  for _ in 1 2 3; do
    DISPLAY=$display WEBKIT_DISABLE_COMPOSITING_MODE=1 "$minibrowser" "file://$work/floor.html" >/dev/null 2>&1 &
    mb=$!
    sleep 3
    s=0
    for p in $(tree_pids "$mb"); do
      v=$(awk '/^Pss:/{print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0); s=$((s + ${v:-0}))
    done
    kill "$mb" 2>/dev/null; wait "$mb" 2>/dev/null || true
    floors+=($((s / 1024)))
  done
fi

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
verdict() { # VALUE OP LIMIT
  if awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN { exit !((op == "<" && v < l) || (op == "<=" && v <= l)) }'; then
    echo "met"
  else
    echo "MISSED"
  fi
}
spawn=$(median "${spawns[@]}"); total=$(median "${pss[@]}")
echo
echo "startup: $spawn ms from the spawn to interactive, median of $RUNS ($(median "${starts[@]}") ms from main) | target < 500 ms: $(verdict "$spawn" "<" 500)"
echo "total:   $total MB PSS, the app and its web processes, median (RSS $(median "${rss[@]}") MB)"
if [ ${#floors[@]} -gt 0 ]; then
  floor=$(median "${floors[@]}"); share=$((total - floor))
  echo "floor:   $floor MB PSS, WebKitGTK's MiniBrowser showing one line, median of ${#floors[@]} in this run"
  echo "share:   $share MB, Recap's own (total - floor) | target <= 100 MB: $(verdict "$share" "<=" 100)"
else
  echo "floor:   MiniBrowser not found (webkit2gtk-4.1's MiniBrowser ships with libwebkit2gtk-4.1-0): no share"
fi
