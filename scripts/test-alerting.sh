#!/usr/bin/env bash
# Checks and tests the Firebreak alerting example (examples/alerting): the Prometheus rules
# of the automated incident declaration triggers, the Prometheus and Alertmanager configs,
# the promtool rule unit tests, and (unless --no-live) a live smoke test on loopback:
# Prometheus -> Alertmanager -> a stand-in of Firebreak's Alertmanager webhook.
#
#   bash scripts/test-alerting.sh [--no-live]
#
# Installs Debian's prometheus and prometheus-alertmanager when promtool or amtool is
# missing. Exits non-zero on any failure. The last line counts the checks that ran, each
# promtool test file being one: "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."

dir=examples/alerting
rules=$dir/prometheus/rules/firebreak-triggers.yml
prom_config=$dir/prometheus/prometheus.yml
am_config=$dir/alertmanager/alertmanager.yml
live=1
for arg in "$@"; do
  case "$arg" in
    --no-live) live=0 ;;
    *) echo "usage: $0 [--no-live]" >&2; exit 2 ;;
  esac
done

passed=0
failed=0
failures=()
tmp=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
  if [ -n "${KEEP_TMP:-}" ]; then echo "kept $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

# check NAME COMMAND...: runs one check, shows its output, counts it.
check() {
  local name=$1
  shift
  echo "--- $name"
  if "$@"; then
    passed=$((passed + 1))
    echo "ok: $name"
  else
    failed=$((failed + 1))
    failures+=("$name")
    echo "FAILED: $name"
  fi
}

# --- tools
apt_updated=""
apt_install() {
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "test-alerting: $* missing and cannot be installed here (needs root and apt-get)" >&2
    return 1
  fi
  if [ -z "$apt_updated" ]; then
    apt-get update -qq || { echo "test-alerting: apt-get update failed" >&2; return 1; }
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null ||
    { echo "test-alerting: could not install $*" >&2; return 1; }
}
if ! command -v promtool >/dev/null 2>&1; then
  echo "test-alerting: installing Debian's prometheus and prometheus-alertmanager" >&2
  apt_install prometheus prometheus-alertmanager || exit 1
fi
if ! command -v amtool >/dev/null 2>&1; then
  echo "test-alerting: installing Debian's prometheus-alertmanager (amtool)" >&2
  apt_install prometheus-alertmanager || echo "test-alerting: amtool checks skipped" >&2
fi
promtool --version 2>&1 | head -1

# --- Prometheus rules and config
check "promtool check rules" promtool check rules "$rules"
check "promtool check config $prom_config" promtool check config "$prom_config"

# The intervals prometheus.yml documents as overridable: a copy with 1s intervals (and the
# rule file made absolute, as the copy lives elsewhere) must be valid and really use them.
interval_override() {
  sed -E -e 's/^(  (scrape|evaluation)_interval:) 15s$/\1 1s/' \
    -e "s#^  - rules/firebreak-triggers.yml\$#  - $PWD/$rules#" "$prom_config" >"$tmp/prometheus-1s.yml" &&
    [ "$(grep -cE '^  (scrape|evaluation)_interval: 1s$' "$tmp/prometheus-1s.yml")" = 2 ] &&
    promtool check config "$tmp/prometheus-1s.yml"
}
check "prometheus.yml with intervals overridden to 1s" interval_override

# --- rule unit tests: one check per file
shopt -s nullglob
test_files=("$dir"/prometheus/tests/*.test.yml)
if [ ${#test_files[@]} = 0 ]; then
  check "promtool test files present" false
fi
for file in "${test_files[@]}"; do
  check "promtool test rules $(basename "$file")" promtool test rules "$file"
done

# Every alerting rule is tested both firing (exp_alerts with labels) and not firing
# (exp_alerts: []).
coverage() {
  local alerts alert ok=0
  alerts=$(sed -nE 's/^ *- alert: *([A-Za-z0-9_]+) *$/\1/p' "$rules")
  [ -n "$alerts" ] || { echo "no alerting rules found in $rules" >&2; return 1; }
  awk '/^ *alertname: / { name = $2; next }
       name != "" && /^ *exp_alerts: *\[\] *$/ { print "negative", name; name = ""; next }
       name != "" && /^ *exp_alerts: *$/ { print "positive", name; name = ""; next }' \
    "${test_files[@]}" | sort -u >"$tmp/coverage"
  for alert in $alerts; do
    grep -qx "positive $alert" "$tmp/coverage" || { echo "$alert: no test expects it to fire" >&2; ok=1; }
    grep -qx "negative $alert" "$tmp/coverage" || { echo "$alert: no test expects it not to fire" >&2; ok=1; }
  done
  [ $ok = 0 ] && echo "$(echo "$alerts" | wc -l) alerting rules, each tested firing and not firing"
}
check "every alerting rule tested firing and not firing" coverage

# --- Alertmanager config and routing
if command -v amtool >/dev/null 2>&1; then
  check "amtool check-config $am_config" amtool check-config "$am_config"
  route_is() {
    local expected=$1 got
    shift
    got=$(amtool config routes test --config.file="$am_config" "$@" 2>/dev/null)
    [ "$got" = "$expected" ] || { echo "labels $* routed to '$got', expected '$expected'" >&2; return 1; }
  }
  check "sev1 alerts route to firebreak" route_is firebreak severity=sev1 service=payments-api
  check "sev2 alerts route to firebreak" route_is firebreak severity=sev2 service=search
  check "other alerts do not route to firebreak" route_is blackhole severity=warning service=search
fi

# --- live smoke test: the real binaries on loopback ports, the configs as shipped except for
# ports, intervals and the token file. The security rule has no `for:`, so the first
# notification reaches the webhook after Alertmanager's group_wait (10s).
# N distinct free loopback ports, all held open at once so that the kernel cannot hand out
# one port twice. Taken one at a time they could repeat: Prometheus once found its port
# already bound, and the fake services' /-/ready answered on it in Prometheus's place.
free_ports() {
  node -e '
    const net = require("net");
    const n = Number(process.argv[1]);
    const servers = Array.from({ length: n }, () => net.createServer());
    Promise.all(servers.map(s => new Promise((ok, fail) => s.once("error", fail).listen(0, "127.0.0.1", ok))))
      .then(() => { console.log(servers.map(s => s.address().port).join(" ")); servers.forEach(s => s.close()); })
      .catch(e => { console.error(e.message); process.exit(1); });
  ' "$1"
}
wait_http() {
  local url=$1 i
  for i in $(seq 1 60); do
    node -e 'fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$url" &&
      return 0
    sleep 0.5
  done
  echo "$url did not answer" >&2
  return 1
}
live_smoke() {
  local bin
  for bin in prometheus prometheus-alertmanager node; do
    command -v "$bin" >/dev/null 2>&1 || { echo "live smoke test needs $bin" >&2; return 1; }
  done
  local exporter webhook prom am token=smoke-$RANDOM$RANDOM
  local ports
  ports=$(free_ports 4) || return 1
  read -r exporter webhook prom am <<<"$ports"
  printf '%s' "$token" >"$tmp/token" && chmod 600 "$tmp/token"
  : >"$tmp/received.jsonl"
  sed -E -e "s/127\\.0\\.0\\.1:9464/127.0.0.1:$exporter/; s/127\\.0\\.0\\.1:9093/127.0.0.1:$am/" \
    "$tmp/prometheus-1s.yml" >"$tmp/prometheus-live.yml"
  sed -E -e "s#http://127\\.0\\.0\\.1:7007/#http://127.0.0.1:$webhook/#" \
    -e "s#credentials_file: .*#credentials_file: $tmp/token#" "$am_config" >"$tmp/alertmanager-live.yml"

  EXPORTER_PORT=$exporter WEBHOOK_PORT=$webhook WEBHOOK_TOKEN=$token \
    RECEIVED_FILE="$tmp/received.jsonl" EVENT_AFTER_SCRAPES=3 LIFETIME_MS=150000 \
    node "$dir/smoke/fake-services.mjs" >"$tmp/fake.log" 2>&1 &
  pids+=($!)
  local started=($!)
  prometheus-alertmanager --config.file="$tmp/alertmanager-live.yml" --storage.path="$tmp/am-data" \
    --web.listen-address="127.0.0.1:$am" --cluster.listen-address= >"$tmp/alertmanager.log" 2>&1 &
  pids+=($!)
  started+=($!)
  prometheus --config.file="$tmp/prometheus-live.yml" --storage.tsdb.path="$tmp/prom-data" \
    --web.listen-address="127.0.0.1:$prom" >"$tmp/prometheus.log" 2>&1 &
  pids+=($!)
  started+=($!)
  wait_http "http://127.0.0.1:$exporter/-/ready" && wait_http "http://127.0.0.1:$am/-/ready" &&
    wait_http "http://127.0.0.1:$prom/-/ready" || { tail -n 20 "$tmp"/*.log >&2; return 1; }
  # A port taken by another process answers /-/ready too: each of ours must still be running.
  local pid
  for pid in "${started[@]}"; do
    kill -0 "$pid" 2>/dev/null || {
      echo "a live smoke service exited at start (port taken?)" >&2
      tail -n 20 "$tmp"/*.log >&2
      return 1
    }
  done

  local i
  for i in $(seq 1 90); do
    grep -q '"FirebreakSecurityUnauthorizedAccess"' "$tmp/received.jsonl" && break
    sleep 1
  done
  node -e '
    const lines = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").filter(Boolean);
    const fail = m => { console.error(m); process.exit(1); };
    if (!lines.length) fail("the webhook received nothing");
    const { authorized, body } = JSON.parse(lines[0]);
    if (!authorized) fail("the webhook request had no valid bearer token");
    if (body?.version !== "4" || body.receiver !== "firebreak" || body.status !== "firing")
      fail("unexpected webhook payload: " + JSON.stringify(body));
    const alert = body.alerts.find(a => a.labels.alertname === "FirebreakSecurityUnauthorizedAccess");
    if (!alert) fail("no FirebreakSecurityUnauthorizedAccess alert in " + JSON.stringify(body));
    const want = { severity: "sev1", firebreak_trigger: "security_unauthorized_access",
      firebreak_restricted: "true", service: "payments-api" };
    for (const [k, v] of Object.entries(want))
      if (alert.labels[k] !== v) fail(`label ${k}=${alert.labels[k]}, expected ${v}`);
    if (!alert.annotations.runbook_url || !alert.annotations.description) fail("annotations missing");
    if (body.alerts.some(a => a.labels.firebreak_trigger === "security_data_exfiltration"))
      fail("data exfiltration fired without an event");
    console.log(`webhook got ${lines.length} authorized notification(s): ${alert.labels.alertname} ` +
      `severity=${alert.labels.severity} service=${alert.labels.service} groupKey=${body.groupKey}`);
  ' "$tmp/received.jsonl" || { tail -n 20 "$tmp/alertmanager.log" "$tmp/prometheus.log" >&2; return 1; }
}
if [ $live = 1 ]; then
  check "live: Prometheus -> Alertmanager -> Firebreak webhook (bearer token)" live_smoke
fi

echo
if [ $failed != 0 ]; then
  printf 'failed: %s\n' "${failures[@]}"
fi
echo "$passed passed, $failed failed"
[ $failed = 0 ]
