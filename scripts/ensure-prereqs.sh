#!/usr/bin/env bash
# Installs what the test suites need on a fresh Debian machine: PostgreSQL (server), Chromium, Node.js, OpenSSL,
# and a CJK font for readable screenshots.
# Idempotent: does nothing when they are already there.
set -euo pipefail

need=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
# CJK glyphs, so that screenshots of the Chinese pages are readable.
[ -d /usr/share/fonts/truetype/wqy ] || need+=(fonts-wqy-zenhei)

if [ ${#need[@]} -gt 0 ]; then
  echo "prereqs: installing ${need[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi
