#!/usr/bin/env bash
# Makes sure the services the tests need are installed and running: PostgreSQL 15 on
# 127.0.0.1:5432 and Debian's Chromium. Fails loudly when one cannot be had: a test that
# silently skips is a defect.
set -euo pipefail

apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then
    apt-get update -qq || { echo "ensure-services: apt-get update failed" >&2; exit 1; }
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null ||
    { echo "ensure-services: could not install $*" >&2; exit 1; }
}

# PostgreSQL
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "ensure-services: installing PostgreSQL" >&2
  apt_install postgresql
fi
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "ensure-services: starting PostgreSQL" >&2
  version=$(ls /etc/postgresql | sort -n | tail -1)
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
pg_isready -h 127.0.0.1 -p 5432 >/dev/null || { echo "ensure-services: PostgreSQL is not answering on 127.0.0.1:5432" >&2; exit 1; }
psql -h 127.0.0.1 -U postgres -tAc 'select 1' >/dev/null ||
  { echo "ensure-services: cannot connect to PostgreSQL as postgres (trust auth expected)" >&2; exit 1; }

# Chromium for the end-to-end test
if [ ! -x /usr/bin/chromium ]; then
  echo "ensure-services: installing Chromium" >&2
  apt_install chromium
fi
/usr/bin/chromium --version >/dev/null 2>&1 || { echo "ensure-services: /usr/bin/chromium does not run" >&2; exit 1; }
echo "ensure-services: PostgreSQL and Chromium ready" >&2
