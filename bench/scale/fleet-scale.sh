#!/usr/bin/env bash
# Scale run (issue 4): N emulated ESP32 devices with keepalive K connect through the proxy to the
# embedded broker, each role in its own JVM so /proc tells their footprints apart:
#   broker   faultlab up      (embedded HiveMQ CE; its own proxy stays idle)
#   proxy    faultlab serve   one per shard, a proxy "mqtt" in front of the broker
#   devices  faultlab devices one fleet per shard, through that shard's proxy
# A proxy process holds two sockets per device, so the devices are split into as many shards as
# `ulimit -n` needs (2 on a machine whose limit is 20000). It measures the ramp until every device is
# connected, then an idle window: CPU, RSS and heap after GC per role (minus the same role idle,
# for the devices a JVM with one device), PINGREQs through the proxies, and that no device
# disconnected. Not part of `mvn verify`. Needs java, jcmd, curl, bc and python3.
#
#   bench/scale/fleet-scale.sh              N=10000 K=60 RATE=500 IDLE=90
#   N=2000 IDLE=60 bench/scale/fleet-scale.sh
set -euo pipefail

N=${N:-10000}
K=${K:-60}
RATE=${RATE:-500}
IDLE=${IDLE:-90}
JAVA_OPTS=${JAVA_OPTS:-}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$root/cli/target/faultlab.jar"
work="$(mktemp -d -t faultlab-scale.XXXXXX)"
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }
die() { log "FAILED: $*"; exit 1; }

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_for SECONDS COMMAND...: polls COMMAND once a second until it succeeds.
wait_for() {
  local seconds=$1; shift
  for ((i = 0; i < seconds; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  return 1
}

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
threads() { awk '/^Threads:/ {print $2}' "/proc/$1/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
open_fds() { ls "/proc/$1/fd" | wc -l; }

# Heap in use after a full GC, in KiB (G1's "used" figure).
heap_kb() {
  jcmd "$1" GC.run >/dev/null
  jcmd "$1" GC.heap_info | sed -n 's/.* used \([0-9]*\)K.*/\1/p' | head -1
}

# metric URL NAME [LABEL_FILTER]: sum of the samples of NAME whose labels contain LABEL_FILTER.
metric() {
  curl -fsS "$1" | awk -v name="$2" -v filter="${3:-}" '
    $1 == name || index($1, name "{") == 1 { if (filter == "" || index($1, filter) > 0) sum += $2 }
    END { printf "%d\n", sum }'
}

# start_java NAME ARGS...: runs the faultlab command in the background, its pid in $started.
start_java() {
  local name=$1; shift
  # shellcheck disable=SC2086
  java $JAVA_OPTS -jar "$jar" "$@" >"$work/$name.log" 2>&1 &
  started=$!
  pids+=("$started")
}

"$root/faultlab" --version >/dev/null   # the launcher rebuilds the jar when a source is newer
limit=$(ulimit -n)
shards=$(( (2 * N + limit - 1001) / (limit - 1000) ))
(( N % shards == 0 )) || die "N=$N does not split into $shards shards"
per=$(( N / shards ))
clk=$(getconf CLK_TCK)
log "N=$N K=${K}s RATE=$RATE/s IDLE=${IDLE}s, ulimit -n $limit: $shards shard(s) of $per, logs in $work"

start_java up up --listen "127.0.0.1:$(free_port)" --api "127.0.0.1:$(free_port)"
up=$started
wait_for 60 grep -q '^  broker' "$work/up.log" || die "faultlab up did not start: $(cat "$work/up.log")"
broker=$(awk '/^  broker/ {print $2}' "$work/up.log")
sleep 5
up_rss0=$(rss_kb "$up"); up_heap0=$(heap_kb "$up")
log "broker $broker: RSS ${up_rss0} KiB, heap ${up_heap0} KiB"

# The devices JVM without a fleet to speak of: one device, connected, idle.
start_java probe devices --broker "$broker" --count 1 --keepalive "$K"
probe=$started
wait_for 60 grep -q 'MQTT_EVENT_CONNECTED' "$work/probe.log" || die "the one-device probe did not connect"
sleep 5
dev_rss0=$(rss_kb "$probe"); dev_heap0=$(heap_kb "$probe")
kill "$probe"; wait "$probe" 2>/dev/null || true
log "devices JVM with one device: RSS ${dev_rss0} KiB, heap ${dev_heap0} KiB"

serve=(); fleet=(); api=(); devmetrics=()
for ((s = 0; s < shards; s++)); do
  listen="127.0.0.1:$(free_port)"
  api[s]="127.0.0.1:$(free_port)"
  echo "[{\"name\":\"mqtt\",\"listen\":\"$listen\",\"upstream\":\"$broker\",\"enabled\":true}]" >"$work/proxy-$s.json"
  start_java "serve-$s" serve --port "${api[s]#*:}" --config "$work/proxy-$s.json"
  serve[s]=$started
  wait_for 60 curl -fsS "http://${api[s]}/version" || die "faultlab serve $s did not start"
done
sleep 5
serve_rss0=0; serve_heap0=0
for pid in "${serve[@]}"; do
  serve_rss0=$(( serve_rss0 + $(rss_kb "$pid") )); serve_heap0=$(( serve_heap0 + $(heap_kb "$pid") ))
done
log "proxy JVMs idle: RSS ${serve_rss0} KiB, heap ${serve_heap0} KiB"

ramp_start=$(date +%s.%N)
for ((s = 0; s < shards; s++)); do
  listen=$(curl -fsS "http://${api[s]}/proxies/mqtt" | sed -n 's/.*"listen":"\([^"]*\)".*/\1/p')
  start_java "devices-$s" devices --broker "$listen" --count "$per" --keepalive "$K" \
      --connect-rate $(( RATE / shards )) --client-id "scale-$s-{n}" --seed "$s" \
      --metrics-port 0 --metrics-without-client-id
  fleet[s]=$started
done
for ((s = 0; s < shards; s++)); do
  wait_for 60 grep -q '^metrics on ' "$work/devices-$s.log" || die "fleet $s did not start"
  devmetrics[s]=$(sed -n 's/^metrics on \(.*\)$/\1/p' "$work/devices-$s.log" | head -1)
done

connected() {
  local total=0
  for url in "${devmetrics[@]}"; do total=$(( total + $(metric "$url" faultlab_device_connected) )); done
  echo "$total"
}
all_connected() { [[ $(connected) -eq $N ]]; }
wait_for $(( 2 * N / RATE + 120 )) all_connected || die "only $(connected) of $N connected"
ramp=$(echo "$(date +%s.%N) - $ramp_start" | bc)
log "all $N connected after ${ramp} s"

sum_metric() { # sum_metric NAME FILTER URL...
  local name=$1 filter=$2 total=0; shift 2
  for url in "$@"; do total=$(( total + $(metric "$url" "$name" "$filter") )); done
  echo "$total"
}
proxy_urls=(); for a in "${api[@]}"; do proxy_urls+=("http://$a/metrics"); done
sleep 5
disc0=$(sum_metric faultlab_device_events_total 'MQTT_EVENT_DISCONNECTED' "${devmetrics[@]}")
closed0=$(sum_metric faultlab_connections_closed_total '' "${proxy_urls[@]}")
up0=$(sum_metric toxiproxy_proxy_received_bytes_total 'direction="upstream"' "${proxy_urls[@]}")
down0=$(sum_metric toxiproxy_proxy_sent_bytes_total 'direction="downstream"' "${proxy_urls[@]}")
declare -A ticks0
for pid in "$up" "${serve[@]}" "${fleet[@]}"; do ticks0[$pid]=$(cpu_ticks "$pid"); done
log "idle window of ${IDLE} s"
sleep "$IDLE"
declare -A ticks1
for pid in "$up" "${serve[@]}" "${fleet[@]}"; do ticks1[$pid]=$(cpu_ticks "$pid"); done
disc1=$(sum_metric faultlab_device_events_total 'MQTT_EVENT_DISCONNECTED' "${devmetrics[@]}")
closed1=$(sum_metric faultlab_connections_closed_total '' "${proxy_urls[@]}")
up1=$(sum_metric toxiproxy_proxy_received_bytes_total 'direction="upstream"' "${proxy_urls[@]}")
down1=$(sum_metric toxiproxy_proxy_sent_bytes_total 'direction="downstream"' "${proxy_urls[@]}")
still=$(connected)
active=$(sum_metric faultlab_connections_active '' "${proxy_urls[@]}")

cpu_pct() { # cpu_pct PID...: % of one core over the window
  local t=0
  for pid in "$@"; do t=$(( t + ${ticks1[$pid]} - ${ticks0[$pid]} )); done
  echo "scale=2; 100 * $t / ($clk * $IDLE)" | bc
}
sum_of() { local f=$1 t=0; shift; for pid in "$@"; do t=$(( t + $($f "$pid") )); done; echo "$t"; }
per_device() { echo "scale=2; ($1 - $2) / $N" | bc; }

dev_rss=$(sum_of rss_kb "${fleet[@]}"); dev_heap=$(sum_of heap_kb "${fleet[@]}")
serve_rss=$(sum_of rss_kb "${serve[@]}"); serve_heap=$(sum_of heap_kb "${serve[@]}")
up_rss=$(rss_kb "$up"); up_heap=$(heap_kb "$up")

cat <<EOF | tee "$work/result.md"

| | devices (${shards} JVMs) | proxy (${shards} JVMs) | broker |
|---|---|---|---|
| RSS, KiB | $dev_rss | $serve_rss | $up_rss |
| RSS per device, KiB | $(per_device "$dev_rss" $(( shards * dev_rss0 ))) | $(per_device "$serve_rss" "$serve_rss0") | $(per_device "$up_rss" "$up_rss0") |
| heap after GC, KiB | $dev_heap | $serve_heap | $up_heap |
| heap per device, KiB | $(per_device "$dev_heap" $(( shards * dev_heap0 ))) | $(per_device "$serve_heap" "$serve_heap0") | $(per_device "$up_heap" "$up_heap0") |
| CPU idle, % of one core | $(cpu_pct "${fleet[@]}") | $(cpu_pct "${serve[@]}") | $(cpu_pct "$up") |
| threads | $(sum_of threads "${fleet[@]}") | $(sum_of threads "${serve[@]}") | $(threads "$up") |
| open files | $(sum_of open_fds "${fleet[@]}") | $(sum_of open_fds "${serve[@]}") | $(open_fds "$up") |

- devices: $N, K=${K} s, connect rate ${RATE}/s, ramp until all connected: ${ramp} s
- idle window ${IDLE} s: connected at the end $still of $N, proxied connections $active,
  MQTT_EVENT_DISCONNECTED $(( disc1 - disc0 )), proxied connections closed $(( closed1 - closed0 ))
- through the proxies in the window: $(( (up1 - up0) / 2 )) PINGREQ, $(( (down1 - down0) / 2 )) PINGRESP
  (expected about $(( N * IDLE * 2 / K )) each: one per device every K/2)
EOF

[[ $still -eq $N && $active -eq $N && $disc1 -eq $disc0 && $closed1 -eq $closed0 ]] \
  || die "devices did not all stay connected"
(( up1 > up0 && down1 > down0 )) || die "no PINGREQ/PINGRESP went through the proxies"
log "PASS"
