#!/usr/bin/env bash
# End-to-end benchmark: simulator and agent as two separate processes on loopback. See bench/README.md.
# Usage (from the repository root, after `mvn -B -o -q package -DskipTests`):
#   bench/e2e.sh [INSTANCES] [WORKDIR]        defaults: 1000 /tmp/mirrorguard-bench
# Environment:
#   SKIP="three cli collect login daemon-start daemon eval metrics"   steps to leave out (any subset)
#   SIM_PID=PID SIM_INVENTORY=FILE                 reuse a running simulator (its fleet is then not timed)
#   START_WINDOW=300                               seconds to watch the daemon's start-up audits
#   KEY_POOL=64 SEED=1                             the simulator's --key-pool/--seed (KEY_POOL=0: a fresh key each)
#   METRICS_SIZES="1002 10002"                     fleet sizes of the in-process /metrics benchmark (MetricsBench)
#   SLOW_INSTANCE=NAME SLOW_MS=25000               a `slow` fault on one instance (default: the fleet's last; not
#                                                  the first, which LoginBench logs in to) (SLOW_MS=0: none);
#                                                  every fleet audit then reports it apart from the others
#   SIM_PROCESSES=1                                the fleet's mirroring sessions split over this many simulator
#                                                  processes (one inventory): each instance costs a simulator a
#                                                  listening socket and a connection, so one process at 10,002
#                                                  needs more than 20,000 file descriptors (`ulimit -n`)
#   SIM_JAVA_OPTS="..."                            JVM options for the simulator, e.g. "-Xlog:gc*:file=sim-gc.log
#                                                  -XX:StartFlightRecording=filename=sim.jfr,settings=profile"
#   HISTOGRAMS=1                                   a class histogram (jcmd GC.class_histogram) wherever memory is
#                                                  measured, in WORKDIR/histogram-*.txt
#   HEAP_DUMPS=1                                   likewise a heap dump (jcmd GC.heap_dump), WORKDIR/heap-*.hprof
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
KEY_POOL=${KEY_POOL:-64}
SEED=${SEED:-1}
METRICS_SIZES=${METRICS_SIZES:-1002 10002}
SLOW_INSTANCE=${SLOW_INSTANCE:-}
SLOW_MS=${SLOW_MS:-25000}
LAUNCHER=$ROOT/bin/mirrorguard
# The inventory's http section asks for this variable even for a one-shot audit.
export MIRRORGUARD_TOKEN=${MIRRORGUARD_TOKEN:-bench-token-not-secret}

mkdir -p "$WORK"
SIM_PIDS=()
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
skip() { [[ " $SKIP " == *" $1 "* ]]; }
now() { date +%s.%N; }
elapsed() { echo "$(now) - $1" | bc; }
status_kb() { awk -v k="$2:" '$1==k {print $2}' "/proc/$1/status"; }
minus() { echo "$1 - $2" | bc; }
stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# Starts the simulator on scenario $1 with its files in dir $2; sets SIM_PID and SIM_READY_S (time to `ready`).
start_simulator() {
  local scenario=$1 dir=$2 t0
  rm -rf "$dir"; mkdir -p "$dir"; : >"$dir/sim.out"
  t0=$(now)
  local pool=()
  if [ "$KEY_POOL" != 0 ]; then pool=(--key-pool "$KEY_POOL" --seed "$SEED"); fi
  # shellcheck disable=SC2086 # SIM_JAVA_OPTS is a list of options
  java ${SIM_JAVA_OPTS:-} -jar "$SIM_JAR" --scenario "$scenario" --inventory-out "$dir/inv.yml" "${pool[@]}" >"$dir/sim.out" 2>"$dir/sim.err" &
  SIM_PID=$!
  PIDS+=("$SIM_PID")
  SIM_PIDS+=("$SIM_PID")
  until grep -q '^ready$' "$dir/sim.out"; do
    if ! kill -0 "$SIM_PID" 2>/dev/null; then echo "simulator died:"; tail "$dir/sim.err"; exit 1; fi
    sleep 0.1
  done
  SIM_READY_S=$(elapsed "$t0")
}

# CPU seconds of every simulator process of the fleet.
sim_cpu() {
  local total=0 p
  for p in "${SIM_PIDS[@]}"; do total=$(echo "$total + $(cpu_seconds "$p")" | bc); done
  echo "$total"
}

# Splits scenario $1 into $2 parts by mirroring session (instance Mnnnn[ABW] goes to part nnnn mod $2), each with the
# preamble; writes $1.partK.sql.
split_fleet() {
  awk -v parts="$2" -v base="$1" '
    function part_of(name) { return (substr(name, 2, length(name) - 2) + 0) % parts }
    /^:CONNECT / && !started { started = 1 }
    !started { pre = pre $0 "\n"; next }
    /^:CONNECT / { cur = part_of($2) }
    /^:fault / { f = base ".part" part_of($2) ".sql"; print >> f; next }
    { f = base ".part" cur ".sql"; if (!(f in seen)) { seen[f] = 1; printf "%s", pre > f } print >> f }
  ' "$1"
}

# One inventory for every part's simulator: part 0's file with every part's instances, relative paths made absolute.
merge_inventories() {
  local out=$1; shift
  local first=$1 d
  sed -n '1,/^instances:/p' "$first" >"$out"
  for inv in "$@"; do
    d=$(dirname "$inv")
    sed -n '/^instances:/,/^[a-z]/{/^instances:/d;/^[a-z]/d;p}' "$inv" \
      | sed -e "s#\${file:secrets/#\${file:$d/secrets/#" -e "s#trustStore: \"mirrorguard-simulator#trustStore: \"$d/mirrorguard-simulator#" >>"$out"
  done
  d=$(dirname "$first")
  awk 'f && /^[a-z]/ {p = 1} /^instances:/ {f = 1} p' "$first" | sed -e "s#\${file:secrets/#\${file:$d/secrets/#" >>"$out"
}

# Starts the daemon on config $1 with the JVM options bin/mirrorguard picks for it; sets D_PID, waits for /healthz.
# With --no-audit-on-start: the same options and wiring through bench/RunDaemon (compiled first, so no in-process
# javac adds to the daemon's memory), without the start-up audits.
start_daemon() {
  local config=$1; shift
  if [ $# -eq 0 ]; then
    log "daemon: $(MIRRORGUARD_JAR=$AGENT_JAR MIRRORGUARD_DRY_RUN=1 "$LAUNCHER" run --config "$config" --http-port "$HTTP_PORT")"
    MIRRORGUARD_JAR=$AGENT_JAR "$LAUNCHER" run --config "$config" --http-port "$HTTP_PORT" >"$WORK/daemon.out" 2>"$WORK/daemon.err" &
  else
    local opts
    opts=$(launcher_jvm_opts "$config")
    compile_run_daemon
    log "daemon: java $opts RunDaemon $*"
    # shellcheck disable=SC2086
    MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} java $opts -cp "$AGENT_JAR:$WORK/classes" RunDaemon "$config" "$HTTP_PORT" "$@" >"$WORK/daemon.out" 2>"$WORK/daemon.err" &
  fi
  D_PID=$!
  PIDS+=("$D_PID")
  until curl -sf "$URL/healthz" >/dev/null; do
    kill -0 "$D_PID" || { tail "$WORK/daemon.err"; exit 1; }
    sleep 0.1
  done
}

# 20 timed scrapes of /metrics for each way scrapers ask (text, text+gzip, OpenMetrics+gzip) and one HEAD.
scrapes() {
  local label=$1 name accept enc
  for kind in "text identity" "text gzip" "openmetrics gzip"; do
    read -r name enc <<<"$kind"
    if [ "$name" = text ]; then accept="text/plain;version=0.0.4"; else accept="application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5"; fi
    local first
    first=$(curl -sf -o /dev/null -H "Accept: $accept" -H "Accept-Encoding: $enc" -w '%{time_total}s %{size_download}' "$URL/metrics")
    for i in $(seq 1 20); do
      curl -sf -o /dev/null -H "Accept: $accept" -H "Accept-Encoding: $enc" -w '%{time_total}\n' "$URL/metrics"
    done | sort -n >"$WORK/scrapes.txt"
    log "$label /metrics $name $enc: first ${first% *} (${first#* } bytes), then x20 median $(awk '{a[NR]=$1} END {print (a[10]+a[11])/2}' "$WORK/scrapes.txt")s, min $(head -1 "$WORK/scrapes.txt")s, max $(tail -1 "$WORK/scrapes.txt")s (load $(load))"
  done
  log "$label HEAD /metrics: $(curl -sfI "$URL/metrics" | tr -d '\r' | grep -i '^content-length' | xargs); GET: $(curl -sf -o /dev/null -w '%{size_download}' "$URL/metrics") bytes"
  curl -sf -o "$WORK/metrics.txt" "$URL/metrics"
  log "$label metrics: $(wc -c <"$WORK/metrics.txt") bytes, $(grep -vc '^#' "$WORK/metrics.txt") samples, $(grep -c '^mirrorguard_' "$WORK/metrics.txt") mirrorguard_* ($(echo "scale=1; $(grep -c '^mirrorguard_' "$WORK/metrics.txt") / $N" | bc) per instance)"
}

# One fleet audit through POST /api/v1/audits: wall time, agent and simulator CPU.
fleet_audit() {
  local label=$1 cpu0 sim_cpu0 t1 loc wall cpu
  cpu0=$(cpu_seconds "$D_PID"); sim_cpu0=$(sim_cpu); t1=$(now)
  loc=$(curl -sf -D - -o /dev/null -X POST -H "Authorization: Bearer $TOKEN" "$URL/api/v1/audits" \
      | awk 'tolower($1)=="location:" {print $2}' | tr -d '\r')
  # Completion from the daemon's log line "audit ID (ON_DEMAND) of [...]: OUTCOME"; GET /api/v1/audits/ID returns
  # every finding of the run (tens of thousands here), too heavy to poll during the measurement.
  until grep -q "audit ${loc##*/} (" "$WORK/daemon.err"; do sleep 0.05; done
  wall=$(elapsed "$t1"); cpu=$(minus "$(cpu_seconds "$D_PID")" "$cpu0")
  log "$label: $(curl -sf "$URL$loc" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["status"], len(d["findings"]), "findings")' 2>/dev/null || echo "run not stored,") in ${wall}s wall, agent CPU ${cpu}s ($(echo "scale=2; $cpu * 1000 / $N" | bc) ms/instance), simulator CPU $(minus "$(sim_cpu)" "$sim_cpu0")s (load $(load))"
  for p in "${SIM_PIDS[@]}"; do kill -0 "$p" 2>/dev/null || { log "$label: simulator $p died: the figures above are not valid"; exit 1; }; done
  slow_report "$label" "$wall"
}

# The slow instance against the others, from each instance's own collect duration (GET /api/v1/instances): when
# the wall time is about the others' summed durations over the concurrency, no instance waited for the slow one.
slow_report() {
  [ "$SLOW_MS" != 0 ] || return 0
  curl -sf -H "Authorization: Bearer $TOKEN" "$URL/api/v1/instances" | python3 -c '
import json, sys
label, wall, slow, conc = sys.argv[1], float(sys.argv[2]), sys.argv[3].upper(), int(sys.argv[4])
d = json.load(sys.stdin)
rows = d if isinstance(d, list) else next(v for v in d.values() if isinstance(v, list))
others = [r["lastDurationSeconds"] or 0 for r in rows if r["name"].upper() != slow]
mine = [r for r in rows if r["name"].upper() == slow]
s = mine[0] if mine else {}
print("%s: slow instance %s: %ss, %s; the other %d: summed %.1fs, over concurrency %d %.1fs, longest %.3fs;"
      " round wall %.1fs" % (label, slow, s.get("lastDurationSeconds"), s.get("lastFailure"), len(others),
      sum(others), conc, sum(others) / conc, max(others), wall))' "$1" "$2" "$SLOW_INSTANCE" "$DAEMON_CONCURRENCY" \
      | tee -a "$WORK/results.txt" || true
}

# Collections done so far, from the daemon's own counter (independent of how audits are batched and logged).
audits_logged() { curl -sf "$URL/metrics" | awk '/^mirrorguard_audits_total/ {s += $NF} END {printf "%d", s}'; }
heap_mb() { grep '^jvm_memory_used_bytes{area="heap"' "$1" | awk '{s+=$NF} END {printf "%.1f", s/1048576}'; }
memory() {
  log "$1: VmRSS $(status_kb "$2" VmRSS) kB, VmHWM $(status_kb "$2" VmHWM) kB, threads $(status_kb "$2" Threads)"
  jcmd "$2" GC.run >/dev/null
  log "$1 after a full GC: VmRSS $(status_kb "$2" VmRSS) kB; $(jcmd "$2" GC.heap_info | grep -E 'total|used' | sed 's/\[.*//' | xargs)"
  if [ -n "${HISTOGRAMS:-}" ]; then
    local file
    file=$WORK/histogram-$(echo "$1" | tr -c 'A-Za-z0-9\n' '-').txt
    jcmd "$2" GC.class_histogram >"$file"
    log "$1: class histogram in $file"
  fi
  if [ -n "${HEAP_DUMPS:-}" ]; then
    local dump
    dump=$WORK/heap-$(echo "$1" | tr -c 'A-Za-z0-9\n' '-').hprof
    jcmd "$2" GC.heap_dump "$dump" >/dev/null
    log "$1: heap dump in $dump"
  fi
}

: >"$WORK/results.txt"
machine_facts
log "jdk: $(java -version 2>&1 | head -1); load: $(cut -d' ' -f1-3 /proc/loadavg)"

if ! skip three; then
  for i in 1 2 3; do
    start_simulator classpath:procedure-two-partners-witness "$WORK/three"
    log "three-instance scenario: ready in ${SIM_READY_S}s, simulator CPU $(cpu_seconds "$SIM_PID")s, VmRSS $(status_kb "$SIM_PID" VmRSS) kB (load $(load))"
    stop "$SIM_PID"
  done
  SIM_PIDS=()
fi

if [ -n "${SIM_PID:-}" ] && [ -n "${SIM_INVENTORY:-}" ]; then
  INV=$SIM_INVENTORY
  SIM_PIDS=("$SIM_PID")
  log "reusing simulator $SIM_PID with $INV"
else
  java "$ROOT/bench/GenerateFleet.java" "$N" "$WORK/fleet-$N.sql" >/dev/null
  if [ "$SLOW_MS" != 0 ]; then
    SLOW_INSTANCE=${SLOW_INSTANCE:-$(grep -o '^:CONNECT [A-Za-z0-9_]*' "$WORK/fleet-$N.sql" | tail -1 | cut -d' ' -f2)}
    # applied after the whole scenario ran: every response of that instance comes SLOW_MS late
    echo ":fault $SLOW_INSTANCE slow $SLOW_MS" >>"$WORK/fleet-$N.sql"
    log "fault: $SLOW_INSTANCE answers every request ${SLOW_MS} ms late"
  fi
  if [ "${SIM_PROCESSES:-1}" -le 1 ]; then
    start_simulator "$WORK/fleet-$N.sql" "$WORK/fleet"
    INV=$WORK/fleet/inv.yml
    log "$N-instance scenario: ready in ${SIM_READY_S}s, simulator CPU $(cpu_seconds "$SIM_PID")s (load $(load))"
    memory "simulator after setup" "$SIM_PID"
  else
    rm -f "$WORK/fleet-$N.sql".part*.sql
    split_fleet "$WORK/fleet-$N.sql" "$SIM_PROCESSES"
    invs=()
    for k in $(seq 0 $((SIM_PROCESSES - 1))); do
      start_simulator "$WORK/fleet-$N.sql.part$k.sql" "$WORK/fleet-p$k"
      invs+=("$WORK/fleet-p$k/inv.yml")
      log "$N-instance scenario, part $k: $(grep -c '^  - name:' "$WORK/fleet-p$k/inv.yml") instances ready in ${SIM_READY_S}s, simulator CPU $(cpu_seconds "$SIM_PID")s (load $(load))"
      memory "simulator $k after setup" "$SIM_PID"
    done
    INV=$WORK/fleet-p0/inv-all.yml
    merge_inventories "$INV" "${invs[@]}"
    log "merged inventory: $(grep -c '^  - name:' "$INV") instances"
  fi
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

if ! skip login; then
  # One TLS login, A/B: the agent's cached trust store against the driver reading it at every login.
  java -cp "$AGENT_JAR" "$ROOT/bench/LoginBench.java" "$INV" 200 2>"$WORK/login.err" | tee -a "$WORK/results.txt"
fi

URL=http://127.0.0.1:$HTTP_PORT
# The simulator's inventory names its API token file; older inventories ask for $MIRRORGUARD_TOKEN instead.
TOKEN_FILE=$(dirname "$INV")/secrets/api.token
if [ -f "$TOKEN_FILE" ]; then TOKEN=$(head -1 "$TOKEN_FILE"); else TOKEN=$MIRRORGUARD_TOKEN; fi
# No cron firing during the measurement, no start-up jitter, storage in the work dir.
DINV=$(dirname "$INV")/daemon.yml
sed -e 's/^  cron: .*/  cron: "0 0 0 1 1 ? 2099"/' -e 's/^  jitterSeconds: .*/  jitterSeconds: 0/' \
    -e "s#^  path: .*#  path: $WORK/daemon-data#" "$INV" >"$DINV"
# the fleet audits' concurrency: the inventory's schedule.concurrency, else the default 4
DAEMON_CONCURRENCY=$(awk '/^schedule:/ {s=1; next} /^[^ ]/ {s=0} s && /^  concurrency:/ {print $2}' "$DINV")
DAEMON_CONCURRENCY=${DAEMON_CONCURRENCY:-4}
log "daemon inventory: $N instances, schedule.concurrency $DAEMON_CONCURRENCY"

if ! skip daemon-start; then
  # `bin/mirrorguard run`: one audit per instance at start (logins included), then a fleet audit on kept
  # connections (steady state), /metrics, memory.
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
  log "daemon start: $(audits_logged) of $N start-up audits done after $(elapsed "$t0")s, daemon CPU $(cpu_seconds "$D_PID")s, VmRSS $(status_kb "$D_PID" VmRSS) kB (progress: elapsed s, audits, CPU s, RSS kB in daemon-start-progress.txt)"
  sleep 2
  fleet_audit "steady fleet audit (connections kept)"
  fleet_audit "steady fleet audit (connections kept), again"
  scrapes "daemon"
  memory "daemon after start-up and two fleet audits" "$D_PID"
  stop "$D_PID"
fi

if ! skip daemon; then
  # One fleet audit with every login in it: the daemon without the start-up audits, then POST /api/v1/audits.
  rm -rf "$WORK/daemon-data"
  start_daemon "$DINV" --no-audit-on-start
  sleep 2
  fleet_audit "first fleet audit (TLS logins included)"
  fleet_audit "second fleet audit (connections kept)"
  log "GET /api/v1/instances: $(curl -sf -o /dev/null -w '%{time_total}s, %{size_download} bytes' "$URL/api/v1/instances")"
  memory "daemon after two fleet audits" "$D_PID"
  stop "$D_PID"
fi

if ! skip eval; then
  # Rules evaluation on one core: the rules module's EvaluationBench pinned to CPU 0.
  log "rules evaluation, one core (taskset -c 0, ActiveProcessorCount=1):"
  taskset -c 0 java -Xmx4g -Xms4g -XX:+UseParallelGC -XX:ActiveProcessorCount=1 \
      -cp "$ROOT/rules/target/classes:$ROOT/rules/target/test-classes" io.mirrorguard.rules.bench.EvaluationBench 1002 10002 \
      2>&1 | tee -a "$WORK/results.txt"
fi

if ! skip metrics; then
  # /metrics of the daemon's pieces over HTTP for synthetic fleets, no TDS (bench/MetricsBench.java).
  log "MetricsBench $METRICS_SIZES (load $(load)):"
  java -Xmx6g -cp "$AGENT_JAR:$ROOT/rules/target/test-classes" "$ROOT/bench/MetricsBench.java" $METRICS_SIZES \
      2>"$WORK/metricsbench.err" | tee -a "$WORK/results.txt"
fi
log "done; results in $WORK/results.txt"
