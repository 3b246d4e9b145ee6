#!/usr/bin/env bash
# Debian's chromium for the editor checks (never a downloaded browser), and a CJK font so
# screenshots show note titles instead of boxes. Installing needs root (CI runs as root).
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
# grep without -q: under pipefail, -q closing the pipe early fails fc-list with SIGPIPE (font "missing" every time)
fc-list 2>/dev/null | grep -i 'wenquanyi\|wqy' >/dev/null || missing+=(fonts-wqy-zenhei)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "missing ${missing[*]} and not root: run 'apt-get update && apt-get install -y ${missing[*]}'" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
/usr/bin/chromium --version
