#!/usr/bin/env bash
# End-to-end benchmark: simulator and agent as two separate processes on loopback. See bench/README.md.
# Usage (from the repository root, after `mvn -B -o -q package -DskipTests`):
#   bench/e2e.sh [INSTANCES] [WORKDIR]        defaults: 1000 /tmp/mirrorguard-bench
# Environment:
#   SKIP="three cli collect daemon-start daemon"   steps to leave out (any subset)
#   SIM_PID=PID SIM_INVENTORY=FILE                 reuse a running simulator (its fleet is then not timed)
#   START_WINDOW=300                               seconds to watch the daemon's start-up audits
#   SIM_JAR, AGENT_JAR, HTTP_PORT=19440, CONCURRENCY=4
# Everything the script starts is stopped on exit (a reused simulator is left running).
set -euo pipefail

N=${1:-1000}
WORK=${2:-/tmp/mirrorguard-bench}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIM_JAR=${SIM_JAR:-$ROOT/simulator/target/mirrorguard-simulator.jar}
AGENT_JAR=${AGENT_JAR:-$ROOT/agent/target/mirrorguard.jar}
SKIP=${SKIP:-}
HTTP_PORT=${HTTP_PORT:-19440}
CONCURRENCY=${CONCURRENCY:-4}
START_WINDOW=${START_WINDOW:-300}
# The inventory's http section asks for this variable even for a one-shot audit.
export MIRRORGUARD_TOKEN=${MIRRORGUARD_TOKEN:-bench-token-not-secret}

mkdir -p "$WORK"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT

log() { echo "[$(date +%T)] $*" | tee -a "$WORK/results.txt"; }
skip() { [[ " $SKIP " == *" $1 "* ]]; }
now() { date +%s.%N; }
elapsed() { echo "$(now) - $1" | bc; }
status_kb() { awk -v k="$2:" '$1==k {print $2}' "/proc/$1/status"; }
cpu_seconds() { awk '{printf "%.2f", ($14+$15)/100}' "/proc/$1/stat"; }
minus() { echo "$1 - $2" | bc; }
load() { cut -d' ' -f1 /proc/loadavg; }
stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# Starts the simulator on scenario $1 with its files in dir $2; sets SIM_PID and SIM_READY_S (time to `ready`).
start_simulator() {
  local scenario=$1 dir=$2 t0
  rm -rf "$dir"; mkdir -p "$dir"; : >"$dir/sim.out"
  t0=$(now)
  java -jar "$SIM_JAR" --scenario "$scenario" --inventory-out "$dir/inv.yml" >"$dir/sim.out" 2>"$dir/sim.err" &
  SIM_PID=$!
  PIDS+=("$SIM_PID")
  until grep -q '^ready$' "$dir/sim.out"; do
    if ! kill -0 "$SIM_PID" 2>/dev/null; then echo "simulator died:"; tail "$dir/sim.err"; exit 1; fi
    sleep 0.1
  done
  SIM_READY_S=$(elapsed "$t0")
}

# Starts the daemon on config $1 (extra launcher arguments after it); sets D_PID, waits for /healthz.
start_daemon() {
  local config=$1; shift
  if [ $# -eq 0 ] && java -jar "$AGENT_JAR" --help | grep -qE "^  run "; then
    java -jar "$AGENT_JAR" run --config "$config" --http-port "$HTTP_PORT" >"$WORK/daemon.out" 2>"$WORK/daemon.err" &
  else # `run` is not in this build's CLI, or a launcher option is needed: the same Daemon wiring via bench/RunDaemon
    java -cp "$AGENT_JAR" "$ROOT/bench/RunDaemon.java" "$config" "$HTTP_PORT" "$@" >"$WORK/daemon.out" 2>"$WORK/daemon.err" &
  fi
  D_PID=$!
  PIDS+=("$D_PID")
  until curl -sf "$URL/healthz" >/dev/null; do
    kill -0 "$D_PID" || { tail "$WORK/daemon.err"; exit 1; }
    sleep 0.1
  done
}

# The start-up audits are one round, logged once when its last instance is done: N then, 0 before.
audits_logged() { if grep -qE "\\(STARTUP\\) of \\[" "$WORK/daemon.err"; then echo "$N"; else echo 0; fi; }
heap_mb() { grep '^jvm_memory_used_bytes{area="heap"' "$1" | awk '{s+=$NF} END {printf "%.1f", s/1048576}'; }
memory() {
  log "$1: VmRSS $(status_kb "$2" VmRSS) kB, VmHWM $(status_kb "$2" VmHWM) kB, threads $(status_kb "$2" Threads)"
  jcmd "$2" GC.run >/dev/null
  log "$1 after a full GC: VmRSS $(status_kb "$2" VmRSS) kB; $(jcmd "$2" GC.heap_info | grep -m1 -E 'total|used' | sed 's/\[.*//' | xargs)"
}

: >"$WORK/results.txt"
log "machine: nproc=$(nproc) mem=$(free -m | awk '/Mem:/ {print $2" MB"}') cpu='$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)'"
log "jdk: $(java -version 2>&1 | head -1); load: $(cut -d' ' -f1-3 /proc/loadavg)"

if ! skip three; then
  for i in 1 2 3; do
    start_simulator classpath:procedure-two-partners-witness "$WORK/three"
    log "three-instance scenario: ready in ${SIM_READY_S}s, simulator CPU $(cpu_seconds "$SIM_PID")s, VmRSS $(status_kb "$SIM_PID" VmRSS) kB (load $(load))"
    stop "$SIM_PID"
  done
fi

if [ -n "${SIM_PID:-}" ] && [ -n "${SIM_INVENTORY:-}" ]; then
  INV=$SIM_INVENTORY
  log "reusing simulator $SIM_PID with $INV"
else
  java "$ROOT/bench/GenerateFleet.java" "$N" "$WORK/fleet-$N.sql" >/dev/null
  start_simulator "$WORK/fleet-$N.sql" "$WORK/fleet"
  INV=$WORK/fleet/inv.yml
  log "$N-instance scenario: ready in ${SIM_READY_S}s, simulator CPU $(cpu_seconds "$SIM_PID")s (load $(load))"
  memory "simulator after setup" "$SIM_PID"
fi

if ! skip cli; then
  sim_cpu0=$(cpu_seconds "$SIM_PID")
  /usr/bin/time -v -o "$WORK/cli.time" java -jar "$AGENT_JAR" audit --config "$INV" --format json \
      --output "$WORK/cli-report.json" --fail-on CRITICAL >"$WORK/cli.out" 2>"$WORK/cli.err" || true
  log "cli audit: $(grep -E 'Elapsed|User time|System time|Maximum resident' "$WORK/cli.time" | sed 's/^\s*//' | paste -sd';')"
  log "cli audit: simulator CPU during it $(minus "$(cpu_seconds "$SIM_PID")" "$sim_cpu0")s; $(tail -1 "$WORK/cli.out")"
  python3 - "$WORK/cli-report.json" <<'EOF' | tee -a "$WORK/results.txt"
import json, sys
s = json.load(open(sys.argv[1]))["summary"]
print(f"cli report summary: instances={s['instances']} audited={s['audited']} outcomes={s['outcomes']}")
EOF
fi

if ! skip collect; then
  java ${COLLECT_JAVA_OPTS:-} -Dsim.pid="$SIM_PID" -cp "$AGENT_JAR" "$ROOT/bench/CollectBench.java" "$INV" \
      "$CONCURRENCY" 3 5 2>"$WORK/collect.err" | tee -a "$WORK/results.txt"
fi

URL=http://127.0.0.1:$HTTP_PORT
# The simulator's inventory names its API token file; older inventories ask for $MIRRORGUARD_TOKEN instead.
TOKEN_FILE=$(dirname "$INV")/secrets/api.token
if [ -f "$TOKEN_FILE" ]; then TOKEN=$(head -1 "$TOKEN_FILE"); else TOKEN=$MIRRORGUARD_TOKEN; fi
# No cron firing during the measurement, no start-up jitter, storage in the work dir.
DINV=$(dirname "$INV")/daemon.yml
sed -e 's/^  cron: .*/  cron: "0 0 0 1 1 ? 2099"/' -e 's/^  jitterSeconds: .*/  jitterSeconds: 0/' \
    -e "s#^  path: .*#  path: $WORK/daemon-data#" "$INV" >"$DINV"

if ! skip daemon-start; then
  # What `mirrorguard run` does at start: the start-up round, every instance at its offset, one fleet evaluation.
  rm -rf "$WORK/daemon-data"
  t0=$(now)
  start_daemon "$DINV"
  until curl -sf "$URL/readyz" >/dev/null; do sleep 0.1; done
  log "daemon start: first audit done (readyz 200) after $(elapsed "$t0")s"
  deadline=$(echo "$(now) + $START_WINDOW" | bc)
  while [ "$(audits_logged)" -lt "$N" ] && [ "$(echo "$(now) < $deadline" | bc)" = 1 ]; do
    kill -0 "$D_PID" || { tail "$WORK/daemon.err"; exit 1; }
    sleep 5
    echo "$(elapsed "$t0") $(audits_logged) $(cpu_seconds "$D_PID") $(status_kb "$D_PID" VmRSS)" >>"$WORK/daemon-start-progress.txt"
  done
  log "daemon start: $(audits_logged) of $N start-up audits done after $(elapsed "$t0")s, daemon CPU $(cpu_seconds "$D_PID")s (progress: elapsed s, audits, CPU s, RSS kB in daemon-start-progress.txt)"
  log "daemon start: one /metrics scrape $(curl -sf -o /dev/null -w '%{time_total}s, %{size_download} bytes' "$URL/metrics")"
  memory "daemon start" "$D_PID"
  stop "$D_PID"
fi

if ! skip daemon; then
  # One fleet audit on its own: the daemon without the per-instance audits at start, then POST /api/v1/audits.
  rm -rf "$WORK/daemon-data"
  start_daemon "$DINV" --no-audit-on-start
  sleep 2
  cpu0=$(cpu_seconds "$D_PID"); sim_cpu0=$(cpu_seconds "$SIM_PID"); t1=$(now)
  loc=$(curl -sf -D - -o /dev/null -X POST -H "Authorization: Bearer $TOKEN" "$URL/api/v1/audits" \
      | awk 'tolower($1)=="location:" {print $2}' | tr -d '\r')
  # Completion from the daemon's log line "audit ID (ON_DEMAND) of [...]: OUTCOME"; GET /api/v1/audits/ID returns
  # every finding of the run (tens of thousands here), too heavy to poll during the measurement.
  until grep -q "audit ${loc##*/} (" "$WORK/daemon.err"; do sleep 0.05; done
  wall=$(elapsed "$t1"); cpu=$(minus "$(cpu_seconds "$D_PID")" "$cpu0")
  log "daemon fleet audit (POST): $(curl -sf "$URL$loc" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["status"], len(d["findings"]), "findings")') in ${wall}s wall, agent CPU ${cpu}s ($(echo "scale=2; $cpu * 1000 / $N" | bc) ms/instance), simulator CPU $(minus "$(cpu_seconds "$SIM_PID")" "$sim_cpu0")s"
  curl -sf -o "$WORK/metrics.txt" "$URL/metrics"
  log "metrics: $(wc -c <"$WORK/metrics.txt") bytes, $(grep -vc '^#' "$WORK/metrics.txt") samples; heap used at that scrape $(heap_mb "$WORK/metrics.txt") MB"
  for i in $(seq 1 20); do curl -sf -o /dev/null -w '%{time_total}\n' "$URL/metrics"; done | sort -n >"$WORK/scrapes.txt"
  log "metrics scrape x20: median $(awk '{a[NR]=$1} END {print (a[10]+a[11])/2}' "$WORK/scrapes.txt")s, min $(head -1 "$WORK/scrapes.txt")s, max $(tail -1 "$WORK/scrapes.txt")s"
  log "GET /api/v1/instances: $(curl -sf -o /dev/null -w '%{time_total}s, %{size_download} bytes' "$URL/api/v1/instances")"
  memory "daemon after the fleet audit" "$D_PID"
  stop "$D_PID"
fi
log "done; results in $WORK/results.txt"
