#!/bin/sh
# Installs Debian's Chromium for the browser tests (root only; CI and fresh machines).
# Playwright's own browser download is never used: the tests drive /usr/bin/chromium.
set -eu
[ -x /usr/bin/chromium ] && exit 0
if [ "$(id -u)" != 0 ]; then
    echo "chromium is missing: run 'sudo apt-get install chromium'" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends chromium
