# Helpers shared by the bench scripts (sourced, not run). The caller sets WORK before sourcing.
# PIDS: processes started by the script, stopped (and waited for) when it exits, also on failure or Ctrl-C.
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT

log() { echo "[$(date +%T)] $*" | tee -a "$WORK/results.txt"; }
load() { cut -d' ' -f1 /proc/loadavg; }
# user + system CPU seconds of a process (0 once it is gone)
cpu_seconds() { awk '{printf "%.2f", ($14+$15)/100}' "/proc/$1/stat" 2>/dev/null || echo 0; }
machine_facts() {
  log "machine: nproc=$(nproc) mem=$(free -m | awk '/Mem:/ {print $2" MB"}') cpu='$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)'"
}

# The JVM options bin/mirrorguard picks for `run --config $1` (heap from the fleet's size, GC), without java and -jar.
launcher_jvm_opts() {
  MIRRORGUARD_JAR=$AGENT_JAR MIRRORGUARD_DRY_RUN=1 "$ROOT/bin/mirrorguard" run --config "$1" \
    | sed -e 's/^[^ ]* //' -e 's/ -jar .*//'
}

# Compiles bench/RunDaemon.java into $WORK/classes once (so no in-process javac adds to the daemon's memory).
compile_run_daemon() {
  if [ ! -f "$WORK/classes/RunDaemon.class" ]; then
    mkdir -p "$WORK/classes"
    javac -cp "$AGENT_JAR" -d "$WORK/classes" "$ROOT/bench/RunDaemon.java"
  fi
}
