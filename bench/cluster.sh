#!/usr/bin/env bash
# Cluster capacity: AGENTS agents (bin/mirrorguard run, the launcher's heap and GC) as one Quartz cluster on a fresh
# PostgreSQL database, auditing an N-instance simulated fleet on a cron of one audit per PERIOD_MIN minutes.
# See bench/README.md; results in docs/performance.md "Cluster capacity".
# Usage (from the repository root, after `./mvnw -B -q package -DskipTests`):
#   bench/cluster.sh [INSTANCES] [WORKDIR]          defaults: 1002 /tmp/mirrorguard-cluster
# Environment:
#   AGENTS=3 PERIOD_MIN=5 PERIODS=2        agents, the cron's period (minutes, a divisor of 60), periods observed
#   PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres DB=mirrorguard_bench_cluster  (the database is dropped and created)
#   CONCURRENCY=4                          schedule.concurrency of every agent (the default)
#   JOIN_AUDIT=0                           1: every agent audits the whole fleet when it starts (mirrorguard run,
#                                          docs/deployment.md); 0: agent 1 does, agents 2.. join the running
#                                          cluster as bench/RunDaemon --no-audit-on-start with the launcher's JVM
#                                          options, so the start-up is one round, not AGENTS rounds
#   KEY_POOL=64 SEED=1 HTTP_PORT=19450 (agent i listens on HTTP_PORT+i) SIM_JAR AGENT_JAR
#   JAVA_OPTS                              appended to every agent's JVM options (bin/mirrorguard)
# For every observed period (cron firing T to T+period) it reports, from the shared store's audit_run rows: how many
# instances were audited 0, 1 or more times, each agent's share, when the period's first and last audits started and
# when the last finished (seconds after T); and over the period each process's CPU (agents, simulator, the database's
# backends for this database), the agents' RSS and the load average.
# Everything the script starts is stopped when it exits, also on failure or Ctrl-C.
set -euo pipefail

N=${1:-1002}
WORK=${2:-/tmp/mirrorguard-cluster}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIM_JAR=${SIM_JAR:-$ROOT/simulator/target/mirrorguard-simulator.jar}
AGENT_JAR=${AGENT_JAR:-$ROOT/agent/target/mirrorguard.jar}
AGENTS=${AGENTS:-3}
PERIOD_MIN=${PERIOD_MIN:-5}
PERIODS=${PERIODS:-2}
CONCURRENCY=${CONCURRENCY:-4}
JOIN_AUDIT=${JOIN_AUDIT:-0}
KEY_POOL=${KEY_POOL:-64}
SEED=${SEED:-1}
HTTP_PORT=${HTTP_PORT:-19450}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
DB=${DB:-mirrorguard_bench_cluster}
PERIOD_S=$((PERIOD_MIN * 60))
if [ $((60 % PERIOD_MIN)) -ne 0 ]; then echo "PERIOD_MIN must divide 60" >&2; exit 2; fi

rm -rf "$WORK"; mkdir -p "$WORK"
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
rss_mb() { awk '$1=="VmRSS:" {printf "%.0f", $2/1024}' "/proc/$1/status"; }
sql() { psql -X -q -t -A -F' ' -d "$DB" -c "$1"; }
# CPU seconds of this database's backends, as "pid seconds" lines (backends come and go: summed per pid later).
db_cpu() {
  local pid
  for pid in $(sql "SELECT pid FROM pg_stat_activity WHERE datname = '$DB'"); do
    echo "$pid $(cpu_seconds "$pid")"
  done
}

machine_facts
log "jdk: $(java -version 2>&1 | head -1); $(psql -X -t -A -d postgres -c 'SHOW server_version' | sed 's/^/PostgreSQL /'); load: $(cut -d' ' -f1-3 /proc/loadavg)"
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"

java "$ROOT/bench/GenerateFleet.java" "$N" "$WORK/fleet.sql" >/dev/null
pool=()
if [ "$KEY_POOL" != 0 ]; then pool=(--key-pool "$KEY_POOL" --seed "$SEED"); fi
java -jar "$SIM_JAR" --scenario "$WORK/fleet.sql" --inventory-out "$WORK/sim/inv.yml" "${pool[@]}" \
  >"$WORK/sim.out" 2>"$WORK/sim.err" &
SIM_PID=$!
PIDS+=("$SIM_PID")
until grep -q '^ready$' "$WORK/sim.out"; do
  kill -0 "$SIM_PID" 2>/dev/null || { echo "simulator died:"; tail "$WORK/sim.err"; exit 1; }
  sleep 0.2
done
log "simulator: $N instances ready, CPU $(cpu_seconds "$SIM_PID")s, RSS $(rss_mb "$SIM_PID") MB"

# The simulator's inventory with the cluster's storage and cron; next to it, so its secrets/ paths resolve.
CONFIG=$WORK/sim/cluster.yml
awk -v cron="0 */$PERIOD_MIN * * * ?" -v conc="$CONCURRENCY" -v url="jdbc:postgresql://$PGHOST:$PGPORT/$DB" -v user="$PGUSER" '
  /^[^[:space:]#]/ { section = $1 }
  section == "schedule:" && $1 == "cron:" { print "  cron: \"" cron "\""; next }
  section == "schedule:" && $1 == "concurrency:" { print "  concurrency: " conc; next }
  section == "storage:" && $1 == "storage:" { print; print "  url: \"" url "\""; print "  user: \"" user "\""; next }
  { print }' "$WORK/sim/inv.yml" >"$CONFIG"
export MIRRORGUARD_TOKEN=bench-token-not-secret

T_START=$(date +%s)
APIDS=()
for i in $(seq 1 "$AGENTS"); do
  port=$((HTTP_PORT + i))
  [ "$i" = 1 ] && log "agent command: $(MIRRORGUARD_JAR=$AGENT_JAR MIRRORGUARD_DRY_RUN=1 "$ROOT/bin/mirrorguard" run --config "$CONFIG" --http-port "$port")"
  if [ "$i" = 1 ] || [ "$JOIN_AUDIT" = 1 ]; then
    MIRRORGUARD_JAR=$AGENT_JAR "$ROOT/bin/mirrorguard" run --config "$CONFIG" --http-port "$port" \
      >"$WORK/agent$i.out" 2>"$WORK/agent$i.err" &
  else
    compile_run_daemon
    opts=$(launcher_jvm_opts "$CONFIG")
    # shellcheck disable=SC2086
    MALLOC_ARENA_MAX=2 java $opts -cp "$AGENT_JAR:$WORK/classes" RunDaemon "$CONFIG" "$port" --no-audit-on-start \
      >"$WORK/agent$i.out" 2>"$WORK/agent$i.err" &
  fi
  APIDS+=("$!"); PIDS+=("$!")
  # one after the other: the first schedules the jobs, so the others find them in place
  until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do
    kill -0 "${APIDS[$((i - 1))]}" 2>/dev/null || { echo "agent $i died:"; tail "$WORK/agent$i.err"; exit 1; }
    sleep 0.5
  done
done
log "agents up after $(( $(date +%s) - T_START ))s: pids ${APIDS[*]}"

# Start-up: every agent started with `mirrorguard run` audits every instance once (docs/deployment.md).
if [ "$JOIN_AUDIT" = 1 ]; then want=$((AGENTS * N)); else want=$N; fi
while :; do
  done_runs=$(sql "SELECT count(*) FROM audit_run WHERE finished_at IS NOT NULL")
  [ "$done_runs" -ge "$want" ] && break
  [ $(( $(date +%s) - T_START )) -gt $((3 * PERIOD_S)) ] && { log "start-up: only $done_runs of $want audits after $((3 * PERIOD_S))s"; break; }
  sleep 2
done
log "start-up: $done_runs audits (JOIN_AUDIT=$JOIN_AUDIT) finished $(( $(date +%s) - T_START ))s after the agents were started; agent CPU $(for p in "${APIDS[@]}"; do printf '%ss ' "$(cpu_seconds "$p")"; done)(load $(load))"

# The first cron firing at least 5 s away, then PERIODS whole periods.
now=$(date +%s)
next=$(( (now / PERIOD_S + 1) * PERIOD_S ))
[ $((next - now)) -lt 5 ] && next=$((next + PERIOD_S))
sleep_until() { local s=$(( $1 - $(date +%s) )); [ "$s" -gt 0 ] && sleep "$s"; return 0; }

snapshot() { # file: agent CPU, simulator CPU, db backends' CPU
  { for p in "${APIDS[@]}"; do echo "agent $p $(cpu_seconds "$p")"; done
    echo "sim $SIM_PID $(cpu_seconds "$SIM_PID")"
    db_cpu | sed 's/^/db /'; } >"$1"
}
delta() { # before after kind -> summed CPU seconds of that kind (pids missing before count from 0)
  awk -v k="$3" 'NR==FNR { if ($1==k) b[$2]=$3; next } $1==k { s += $3 - (($2 in b) ? b[$2] : 0) } END { printf "%.1f", s }' "$1" "$2"
}
agent_delta() { awk -v p="$3" 'NR==FNR { if ($2==p) b=$3; next } $2==p { printf "%.1f", $3 - b }' "$1" "$2"; }

for k in $(seq 1 "$PERIODS"); do
  t0=$((next + (k - 1) * PERIOD_S)); t1=$((t0 + PERIOD_S))
  sleep_until "$t0"; snapshot "$WORK/cpu.$k.before"
  sleep_until "$t1"; snapshot "$WORK/cpu.$k.after"
  la=$(load)
  # audits that started within the period; the last may still be running at t1 (then it has no finished_at yet)
  sleep 2
  read -r audited once more none first last finish < <(sql "
    WITH c AS (SELECT i.name, count(r.id) AS n FROM (SELECT DISTINCT instance AS name FROM instance_facts) i
               LEFT JOIN audit_run r ON r.instances = i.name AND r.started_at >= $((t0 * 1000)) AND r.started_at < $((t1 * 1000))
               GROUP BY i.name),
         r AS (SELECT * FROM audit_run WHERE started_at >= $((t0 * 1000)) AND started_at < $((t1 * 1000)))
    SELECT (SELECT count(*) FROM r), (SELECT count(*) FROM c WHERE n = 1), (SELECT count(*) FROM c WHERE n > 1),
           (SELECT count(*) FROM c WHERE n = 0),
           (SELECT round((min(started_at) / 1000.0 - $t0)::numeric, 1) FROM r),
           (SELECT round((max(started_at) / 1000.0 - $t0)::numeric, 1) FROM r),
           (SELECT round((max(finished_at) / 1000.0 - $t0)::numeric, 1) FROM r)")
  log "period $k ($(date -u -d @"$t0" +%T)-$(date -u -d @"$t1" +%T)): $audited audits; instances audited once $once, more than once $more, never $none; audits started +${first}s..+${last}s, last finished +${finish}s (load $la)"
  split=$(sql "SELECT agent_id, count(*), coalesce(sum(CASE WHEN outcome <> 'SUCCESS' THEN 1 ELSE 0 END), 0)
               FROM audit_run WHERE started_at >= $((t0 * 1000)) AND started_at < $((t1 * 1000)) GROUP BY agent_id ORDER BY agent_id")
  while read -r agent count notok; do
    pid=$(echo "$agent" | awk -F- '{print $(NF-1)}')
    log "period $k   agent $agent: $count audits ($notok not SUCCESS), CPU $(agent_delta "$WORK/cpu.$k.before" "$WORK/cpu.$k.after" "$pid")s, RSS $(rss_mb "$pid") MB"
  done <<<"$split"
  agents_cpu=$(delta "$WORK/cpu.$k.before" "$WORK/cpu.$k.after" agent)
  log "period $k   CPU: agents ${agents_cpu}s ($(echo "scale=2; $agents_cpu * 1000 / ($audited + 0.0001)" | bc) ms per audit), simulator $(delta "$WORK/cpu.$k.before" "$WORK/cpu.$k.after" sim)s, database backends $(delta "$WORK/cpu.$k.before" "$WORK/cpu.$k.after" db)s, of $((2 * PERIOD_S))s on $(nproc) cores"
  outcomes=$(sql "SELECT outcome || ' ' || count(*) FROM audit_run WHERE started_at >= $((t0 * 1000)) AND started_at < $((t1 * 1000)) GROUP BY outcome" | xargs)
  log "period $k   outcomes: $outcomes"
done
log "store: $(sql "SELECT count(*) FROM audit_run") runs, $(sql "SELECT count(*) FROM audit_finding") findings, database $(sql "SELECT pg_size_pretty(pg_database_size('$DB'))")"
curl -sf "http://127.0.0.1:$((HTTP_PORT + 1))/api/v1/cluster" >"$WORK/cluster.json" || true
log "cluster: $(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); a=d.get("agents", d); print(", ".join("%s alive=%s owns=%s" % (x.get("id"), x.get("alive"), len(x.get("owns", []))) for x in a))' "$WORK/cluster.json" 2>/dev/null || echo "not read")"
