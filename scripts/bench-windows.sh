#!/usr/bin/env bash
# The CLI's `check` against the simulator: the Windows build under wine vs the Linux build, in one
# run on this machine. Both are release builds of the server CLI (no practice mode) and talk to the
# same simulator (healthy scenario, on 127.0.0.1, no added latency) with the same binding (the
# DingTalk side: no platform domain, so nothing leaves the machine). After one warm-up run of each,
# ROUNDS rounds alternate the two (native first in odd rounds, wine first in even ones). Wall time
# is the whole command as a script sees it (for wine: its process start included, the wineserver
# kept running by scripts/wine.sh); "engine" is the run's own duration_ms from --json.
#   scripts/bench-windows.sh [ROUNDS]      (make bench-windows; default 10 rounds)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-10}"
target_dir="${CARGO_TARGET_DIR:-target}"
cargo=${CARGO:-cargo}

$cargo build --release -p dingbind-cli -p dingtalk-sim
$cargo build --release -p dingbind-cli --target x86_64-pc-windows-gnu
native="$target_dir/release/dingbind"
exe="$target_dir/x86_64-pc-windows-gnu/release/dingbind.exe"
sim_bin="$target_dir/release/dingtalk-sim"

work="$(mktemp -d)"
sim_pid=""
cleanup() {
  if [ -n "$sim_pid" ]; then kill "$sim_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
"$sim_bin" --scenario healthy --port 0 > "$work/sim.out" &
sim_pid=$!
for _ in $(seq 100); do
  grep -q '^DINGBIND_LOGIN_URL=' "$work/sim.out" 2>/dev/null && break
  sleep 0.1
done
grep -q '^DINGBIND_LOGIN_URL=' "$work/sim.out" || { echo "bench-windows: the simulator did not start" >&2; exit 1; }
set -a
# shellcheck disable=SC1090
. <(grep '^DINGBIND_' "$work/sim.out")
set +a
export DINGBIND_KEYCHAIN=off
export DINGBIND_CLIENT_SECRET=546KQd22R3VKSLuf4UTBI5VtsUE-nCD3GLbbdp7-SBDZDZ0-bA1fBpnuWG59E8Er
args=(check --json --template yidianyun-private-cloud --set corp_id=ding5084aa896d73d7f1
      --set client_id=dingq7x2k9m4v8n3p5r1 --set agent_id=3219876540)

# Runs one side once; appends "wall_ms engine_ms" to $work/<side>.
one() {
  local side="$1" start end out
  start=$(date +%s%N)
  if [ "$side" = native ]; then out=$("$native" "${args[@]}"); else out=$(scripts/wine.sh "$exe" "${args[@]}"); fi
  end=$(date +%s%N)
  local engine
  engine=$(printf '%s\n' "$out" | grep -E '^  "duration_ms": ' | grep -oE '[0-9]+')
  printf '%s\n' "$out" | grep -qE '"fail": 0' || { echo "bench-windows: $side run had failures" >&2; exit 1; }
  echo "$(( (end - start) / 1000000 )) $engine" >> "$work/$side"
}

one native; one wine; : > "$work/native"; : > "$work/wine"   # warm-up, not counted
for i in $(seq "$rounds"); do
  if [ $((i % 2)) -eq 1 ]; then one native; one wine; else one wine; one native; fi
done

# median min max of column $2 of file $1
stats() { awk -v c="$2" '{print $c}' "$1" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%s %s %s\n", m, a[1], a[NR]}'; }
read -r nw nwmin nwmax < <(stats "$work/native" 1)
read -r ww wwmin wwmax < <(stats "$work/wine" 1)
read -r ne nemin nemax < <(stats "$work/native" 2)
read -r we wemin wemax < <(stats "$work/wine" 2)
echo
echo "dingbind check (healthy scenario, $rounds rounds alternating; ms: median [min-max])"
printf '%-22s %-24s %-24s\n' "" "wall (whole command)" "engine (duration_ms)"
printf '%-22s %-24s %-24s\n' "Linux native" "$nw [$nwmin-$nwmax]" "$ne [$nemin-$nemax]"
printf '%-22s %-24s %-24s\n' "Windows under wine" "$ww [$wwmin-$wwmax]" "$we [$wemin-$wemax]"
awk -v a="$ww" -v b="$nw" -v c="$we" -v d="$ne" 'BEGIN {printf "ratio wine/native: wall %.2f×, engine %.2f×\n", a/b, (d>0)?c/d:0}'
