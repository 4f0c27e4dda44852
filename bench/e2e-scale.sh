#!/usr/bin/env bash
# The 1,000- and 10,000-instance end-to-end benchmarks, one after the other (see bench/README.md):
#   bench/e2e-scale.sh [WORKDIR]          default /tmp/mirrorguard-bench; results in WORKDIR/{1002,10002}/results.txt
# 1,002 instances: every step of e2e.sh (SKIP_1K to leave some out). 10,002 instances: the simulator's set-up, the
# daemon's start-up round (10,002 TLS logins) and two fleet audits on kept connections at the default concurrency,
# /metrics, memory, and a fleet audit with every login (SKIP_10K, default "three cli collect eval metrics": the
# three-instance starts, evaluation and MetricsBench do not depend on the fleet's size, and the one-shot CLI and
# CollectBench would each hold another 10,002 connections). Both fleets carry one slow instance (SLOW_MS, e2e.sh).
# The 10k fleet runs on SIM_PROCESSES_10K simulators (default 2): one process would need a listening socket and a
# connection per instance, more than a 20,000-descriptor `ulimit -n`.
# Run it niced on a shared machine: nice -n 10 bench/e2e-scale.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${1:-/tmp/mirrorguard-bench}
SKIP="${SKIP_1K:-}" "$ROOT/bench/e2e.sh" 1002 "$WORK/1002"
SKIP="${SKIP_10K:-three cli collect eval metrics}" SIM_PROCESSES=${SIM_PROCESSES_10K:-2} START_WINDOW=${START_WINDOW_10K:-1800} \
  "$ROOT/bench/e2e.sh" 10002 "$WORK/10002"
