#!/usr/bin/env bash
# Installs the pinned tedious (package-lock.json) for TediousCompatibilityTest. Needs node >= 18.17 and npm.
set -euo pipefail
cd "$(dirname "$0")"
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
