#!/usr/bin/env bash
# End-to-end benchmark: simulator and agent as two separate processes on loopback.
# Usage (from the repository root, after `mvn -B -o -q package -DskipTests`):
#   bench/e2e.sh [INSTANCES] [WORKDIR]        defaults: 1000 /tmp/mirrorguard-bench
# Steps can be skipped with SKIP="three cli collect daemon" (any subset). Everything started is stopped on exit.
set -euo pipefail

N=${1:-1000}
WORK=${2:-/tmp/mirrorguard-bench}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIM_JAR=${SIM_JAR:-$ROOT/simulator/target/mirrorguard-simulator.jar}
AGENT_JAR=${AGENT_JAR:-$ROOT/agent/target/mirrorguard.jar}
SKIP=${SKIP:-}
HTTP_PORT=${HTTP_PORT:-19440}
CONCURRENCY=${CONCURRENCY:-4}
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

# Starts the simulator in the background on $1 (scenario) with output in dir $2; sets SIM_PID, waits for `ready`.
start_simulator() {
  local scenario=$1 dir=$2 t0
  rm -rf "$dir"; mkdir -p "$dir"
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

stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

: >"$WORK/results.txt"
log "machine: nproc=$(nproc) mem=$(free -m | awk '/Mem:/ {print $2" MB"}') cpu='$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)'"
log "jdk: $(java -version 2>&1 | head -1); load: $(cut -d' ' -f1-3 /proc/loadavg)"

if ! skip three; then
  for i in 1 2 3; do
    start_simulator classpath:procedure-two-partners-witness "$WORK/three"
    log "three-instance scenario: ready in ${SIM_READY_S}s, VmRSS $(status_kb "$SIM_PID" VmRSS) kB (load $(cut -d' ' -f1 /proc/loadavg))"
    stop "$SIM_PID"
  done
fi

java "$ROOT/bench/GenerateFleet.java" "$N" "$WORK/fleet-$N.sql" >/dev/null
start_simulator "$WORK/fleet-$N.sql" "$WORK/fleet"
INV=$WORK/fleet/inv.yml
log "$N-instance scenario: ready in ${SIM_READY_S}s, simulator CPU $(cpu_seconds "$SIM_PID")s (load $(cut -d' ' -f1 /proc/loadavg))"
log "simulator after setup: VmRSS $(status_kb "$SIM_PID" VmRSS) kB, VmHWM $(status_kb "$SIM_PID" VmHWM) kB, threads $(status_kb "$SIM_PID" Threads)"
jcmd "$SIM_PID" GC.run >/dev/null
log "simulator after full GC: VmRSS $(status_kb "$SIM_PID" VmRSS) kB; $(jcmd "$SIM_PID" GC.heap_info | grep -m1 -E 'total|used' | xargs)"

if ! skip cli; then
  sim_cpu0=$(cpu_seconds "$SIM_PID")
  /usr/bin/time -v -o "$WORK/cli.time" java -jar "$AGENT_JAR" audit --config "$INV" --format json \
      --output "$WORK/cli-report.json" --fail-on CRITICAL >"$WORK/cli.out" 2>"$WORK/cli.err" || true
  log "cli audit ($N instances, concurrency from config): $(grep -E 'Elapsed|User time|System time|Maximum resident' "$WORK/cli.time" | sed 's/^\s*//' | paste -sd';')"
  log "cli audit: simulator CPU during it $(echo "$(cpu_seconds "$SIM_PID") - $sim_cpu0" | bc)s; $(tail -1 "$WORK/cli.out")"
  python3 - "$WORK/cli-report.json" <<'EOF' | tee -a "$WORK/results.txt"
import json, sys
s = json.load(open(sys.argv[1]))["summary"]
print(f"cli report summary: instances={s['instances']} audited={s['audited']} outcomes={s['outcomes']}")
EOF
fi

if ! skip collect; then
  sim_cpu0=$(cpu_seconds "$SIM_PID")
  java -Xlog:disable -cp "$AGENT_JAR" "$ROOT/bench/CollectBench.java" "$INV" "$CONCURRENCY" 3 5 2>"$WORK/collect.err" \
      | tee -a "$WORK/results.txt"
  log "collect bench: simulator CPU during it $(echo "$(cpu_seconds "$SIM_PID") - $sim_cpu0" | bc)s"
fi

if ! skip daemon; then
  # No cron firing during the measurement, no start-up jitter, storage in the work dir.
  DINV=$WORK/fleet/daemon.yml
  sed -e 's/^  cron: .*/  cron: "0 0 0 1 1 ? 2099"/' -e 's/^  jitterSeconds: .*/  jitterSeconds: 0/' \
      -e "s#^  path: .*#  path: $WORK/daemon-data#" "$INV" >"$DINV"
  rm -rf "$WORK/daemon-data"
  t0=$(now)
  if java -jar "$AGENT_JAR" --help | grep -qE "^  run "; then
    java -jar "$AGENT_JAR" run --config "$DINV" --http-port "$HTTP_PORT" >"$WORK/daemon.out" 2>"$WORK/daemon.err" &
  else # this build's CLI has no `run` yet: the same Daemon.start through a launcher
    java -cp "$AGENT_JAR" "$ROOT/bench/RunDaemon.java" "$DINV" "$HTTP_PORT" >"$WORK/daemon.out" 2>"$WORK/daemon.err" &
  fi
  D_PID=$!
  PIDS+=("$D_PID")
  url=http://127.0.0.1:$HTTP_PORT
  until curl -sf "$url/readyz" >/dev/null; do
    kill -0 "$D_PID" || { tail "$WORK/daemon.err"; exit 1; }
    sleep 0.2
  done
  log "daemon: first audit done (readyz 200) after $(elapsed "$t0")s"
  # Start-up audits: one per instance, each re-evaluating the fleet; wait until every instance has one.
  # Counted from the daemon's log: polling /api/v1/instances would add its own load to the measurement.
  until [ "$(grep -cE '\((SCHEDULED|STARTUP)\) of \[' "$WORK/daemon.err")" -ge "$N" ]; do
    kill -0 "$D_PID" || { tail "$WORK/daemon.err"; exit 1; }
    sleep 1
  done
  log "daemon: all $N start-up audits done after $(elapsed "$t0")s, daemon CPU $(cpu_seconds "$D_PID")s"
  sleep 2
  cpu0=$(cpu_seconds "$D_PID"); sim_cpu0=$(cpu_seconds "$SIM_PID"); t1=$(now)
  loc=$(curl -sf -D - -o /dev/null -X POST -H "Authorization: Bearer $MIRRORGUARD_TOKEN" "$url/api/v1/audits" \
      | awk 'tolower($1)=="location:" {print $2}' | tr -d '\r')
  # Completion from the daemon's log line "audit ID (ON_DEMAND) of [...]: OUTCOME"; GET /api/v1/audits/ID returns
  # every finding of the run (tens of thousands here), too heavy to poll during the measurement.
  until grep -q "audit ${loc##*/} (" "$WORK/daemon.err"; do
    sleep 0.05
  done
  wall=$(elapsed "$t1"); cpu=$(echo "$(cpu_seconds "$D_PID") - $cpu0" | bc)
  log "daemon: fleet audit (POST) $(curl -sf "$url$loc" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["status"], len(d["findings"]), "findings")') in ${wall}s wall, agent CPU ${cpu}s ($(echo "scale=2; $cpu * 1000 / $N" | bc) ms/instance), simulator CPU $(echo "$(cpu_seconds "$SIM_PID") - $sim_cpu0" | bc)s"
  curl -sf -o "$WORK/metrics.txt" "$url/metrics"
  log "metrics: $(wc -c <"$WORK/metrics.txt") bytes, $(grep -vc '^#' "$WORK/metrics.txt") samples"
  for i in $(seq 1 20); do curl -sf -o /dev/null -w '%{time_total}\n' "$url/metrics"; done | sort -n >"$WORK/scrapes.txt"
  log "metrics scrape x20: median $(awk '{a[NR]=$1} END {print (a[10]+a[11])/2}' "$WORK/scrapes.txt")s, min $(head -1 "$WORK/scrapes.txt")s, max $(tail -1 "$WORK/scrapes.txt")s"
  heap=$(grep '^jvm_memory_used_bytes{area="heap"' "$WORK/metrics.txt" | awk '{s+=$NF} END {printf "%.1f", s/1048576}')
  log "daemon after audit: heap used ${heap} MB (jvm_memory_used_bytes, before any forced GC), VmRSS $(status_kb "$D_PID" VmRSS) kB, VmHWM $(status_kb "$D_PID" VmHWM) kB, threads $(status_kb "$D_PID" Threads)"
  jcmd "$D_PID" GC.run >/dev/null
  log "daemon after full GC: VmRSS $(status_kb "$D_PID" VmRSS) kB; $(jcmd "$D_PID" GC.heap_info | grep -m1 -E 'total|used' | xargs)"
  stop "$D_PID"
fi
stop "$SIM_PID"
log "done; results in $WORK/results.txt"
