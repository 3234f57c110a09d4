#!/usr/bin/env bash
# Start, configure and stop the Debian Virtuoso service (package virtuoso-opensource) for
# vlmkg's remote-store tests and users. Idempotent; run as root (or through sudo).
#
#   bash scripts/virtuoso.sh start    # start if not running, wait until ready, configure
#   bash scripts/virtuoso.sh status   # exit 0 when the SPARQL endpoint answers
#   bash scripts/virtuoso.sh stop
#
# `start` creates a SQL user (default `vlmkg`) allowed SPARQL Update and the Graph Store
# Protocol through the digest-authenticated doors /sparql-auth and
# /sparql-graph-crud-auth, and writes its `user:password` to the credentials file
# ($VLMKG_STORE_AUTH_FILE, default ~/.vlmkg-store-credentials, mode 600). The anonymous
# /sparql door stays read-only. It also raises ResultSetMaxRows (10000 in the Debian
# virtuoso.ini, which silently truncates larger results) and restarts once if it did.
# MaxQueryCostEstimationTime stays at Debian's 400 s: Virtuoso refuses a query at once
# when its cost estimate is higher, and that estimate follows the statistics of the
# moment (tests/_runaway.py has a runaway query whose estimate does not).
#
# Settings (environment):
#   VIRTUOSO_DBA_PASSWORD   dba password set by debconf (default: dba)
#   VIRTUOSO_HTTP_PORT      default 8890;  VIRTUOSO_SQL_PORT default 1111
#   VLMKG_STORE_USER        the writer account to create (default: vlmkg)
#   VLMKG_STORE_AUTH_FILE   where its credentials go (default: ~/.vlmkg-store-credentials)
#   VIRTUOSO_BUFFERS        optional NumberOfBuffers (8 KB pages), e.g. 340000 for ~2.7 GB
set -euo pipefail

SERVICE=virtuoso-opensource-7
INI=/etc/$SERVICE/virtuoso.ini
HTTP_PORT=${VIRTUOSO_HTTP_PORT:-8890}
SQL_PORT=${VIRTUOSO_SQL_PORT:-1111}
DBA_PASSWORD=${VIRTUOSO_DBA_PASSWORD:-dba}
STORE_USER=${VLMKG_STORE_USER:-vlmkg}
AUTH_FILE=${VLMKG_STORE_AUTH_FILE:-$HOME/.vlmkg-store-credentials}
MAX_ROWS=1000000
ENDPOINT="http://127.0.0.1:$HTTP_PORT/sparql"

die() { echo "virtuoso.sh: $*" >&2; exit 1; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

ready() {
  python3 - "$ENDPOINT" <<'EOF' >/dev/null 2>&1
import sys, urllib.request
urllib.request.urlopen(sys.argv[1] + "?query=ASK%7B%7D", timeout=2).read()
EOF
}

# A deadline for a machine busy with other jobs (an idle start takes a few seconds).
wait_ready() {
  local deadline=$((SECONDS + 600))
  until ready; do
    [ "$SECONDS" -lt "$deadline" ] || die "Virtuoso did not answer on $ENDPOINT within 600 s; see /var/log/$SERVICE/"
    sleep 1
  done
}

isql() { isql-vt "$SQL_PORT" dba "$DBA_PASSWORD" "exec=$1" 2>&1; }

# Set key = value in one [section] of virtuoso.ini; prints "changed" when it did.
ini_set() {
  local section=$1 key=$2 value=$3
  python3 - "$INI" "$section" "$key" "$value" <<'EOF'
import re, sys
path, section, key, value = sys.argv[1:]
lines = open(path).read().split("\n")
current, out, changed = None, [], False
for line in lines:
    m = re.match(r"\s*\[(.+)\]\s*$", line)
    if m:
        current = m.group(1)
    elif current == section and re.match(rf"\s*{re.escape(key)}\s*=", line):
        old = line.split("=", 1)[1].split(";")[0].strip()
        if old != value:
            line, changed = f"{key} = {value}", True
    out.append(line)
if changed:
    open(path, "w").write("\n".join(out))
    print("changed")
EOF
}

start_service() {
  command -v virtuoso-t >/dev/null || die "virtuoso-opensource is not installed: make system-deps"
  ready && return 0
  as_root service "$SERVICE" start >/dev/null
  wait_ready
}

configure_ini() {
  local changed=""
  changed+=$(as_root env INI="$INI" bash -c "$(declare -f ini_set); ini_set SPARQL ResultSetMaxRows $MAX_ROWS")
  if [ -n "${VIRTUOSO_BUFFERS:-}" ]; then
    changed+=$(as_root env INI="$INI" bash -c "$(declare -f ini_set); ini_set Parameters NumberOfBuffers $VIRTUOSO_BUFFERS")
    changed+=$(as_root env INI="$INI" bash -c "$(declare -f ini_set); ini_set Parameters MaxDirtyBuffers $((VIRTUOSO_BUFFERS * 3 / 4))")
  fi
  if [ -n "$changed" ]; then
    as_root service "$SERVICE" restart >/dev/null || true
    sleep 1  # let the old process go before asking whether it answers
    wait_ready
  fi
}

configure_user() {
  isql "select 1;" | grep -q "1 Rows" \
    || die "isql login as dba failed on port $SQL_PORT: set VIRTUOSO_DBA_PASSWORD to the password given to debconf"
  local password
  if [ -s "$AUTH_FILE" ] && [ "$(cut -d: -f1 "$AUTH_FILE")" = "$STORE_USER" ]; then
    password=$(cut -d: -f2- "$AUTH_FILE")
  else
    password=$(python3 -c "import secrets; print(secrets.token_urlsafe(18))")
  fi
  if isql "select U_NAME from DB.DBA.SYS_USERS where U_NAME = '$STORE_USER';" | grep -q "^1 Rows"; then
    isql "DB.DBA.USER_SET_PASSWORD ('$STORE_USER', '$password');" >/dev/null
  else
    isql "DB.DBA.USER_CREATE ('$STORE_USER', '$password');" >/dev/null
  fi
  # U0013: the role is already granted (a second start).
  isql "GRANT SPARQL_UPDATE TO \"$STORE_USER\";" | grep "Error" | grep -qv "U0013" \
    && die "could not grant SPARQL_UPDATE to $STORE_USER"
  isql "DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('$STORE_USER', 3);" | grep -q "Error" \
    && die "could not give $STORE_USER write permission on graphs"
  (umask 077; mkdir -p "$(dirname "$AUTH_FILE")"; printf '%s:%s\n' "$STORE_USER" "$password" >"$AUTH_FILE")
}

case "${1:-start}" in
  start)
    start_service
    configure_ini
    configure_user
    echo "Virtuoso ready: query $ENDPOINT, update ${ENDPOINT}-auth (credentials in $AUTH_FILE)"
    ;;
  status)
    if ready; then echo "Virtuoso answers on $ENDPOINT"; else echo "Virtuoso is not answering on $ENDPOINT"; exit 1; fi
    ;;
  stop)
    as_root service "$SERVICE" stop >/dev/null || true
    ;;
  *)
    die "usage: bash scripts/virtuoso.sh start|status|stop"
    ;;
esac
