#!/usr/bin/env bash
# Scale-out measurements for docs/performance.md (bash scripts/measure-scaleout.sh; needs node_modules and redis-server).
# Loopback only; bounded: three one-process runs and two two-process runs of 20 s each. Results in /tmp/perf/summary.txt.
set -u
cd "$(dirname "$0")/.."
OUT=/tmp/perf; rm -rf $OUT; mkdir -p $OUT
T="npx tsx server/cli.ts"
metric() { curl -s "http://127.0.0.1:$1/metrics" | grep -E "^$2(\{| )" | awk '{s+=$2} END {print s+0}'; }
rss() { ps -o rss= -p "$1" | awk '{print int($1/1024)}'; }
wait_live() { for i in $(seq 1 120); do curl -s "http://127.0.0.1:$1/healthz" | grep -q '"sessionState":"live"' && return 0; sleep 1; done; return 1; }
run_load() { # port clients label
  local t0 t1 r0 r1; t0=$(metric $1 tutti_ticks_sent_total); r0=$(rss $LEADER_PID)
  $T loadtest --url http://127.0.0.1:$1 --clients $2 --duration 20 --workers 2 --json $OUT/$3.json > $OUT/$3.txt 2>&1
  t1=$(metric $1 tutti_ticks_sent_total); r1=$(rss $LEADER_PID)
  echo "$3: leader ticks sent during run: $((t1 - t0)); leader RSS ${r0} -> ${r1} MB" | tee -a $OUT/summary.txt
  grep -E "connections|missed|per phone|latency" $OUT/$3.txt | tee -a $OUT/summary.txt
}
export TUTTI_CONDUCTOR_TOKEN=measure
# One process
$T serve --port 3921 --host 127.0.0.1 --autostart --loop --data-dir /tmp/perf-data > $OUT/leader.log 2>&1 &
LEADER_PID=$!; sleep 2; LEADER_PID=$(pgrep -f "serve --port 3921" | tail -1)
wait_live 3921 || { echo "leader did not go live"; exit 1; }
sleep 15
echo "idle: leader RSS $(rss $LEADER_PID) MB" | tee $OUT/summary.txt
for n in 1000 5000 10000; do run_load 3921 $n one-$n; sleep 5; done
kill $LEADER_PID; sleep 3
# Two processes over Redis
redis-server --port 6391 --bind 127.0.0.1 --save '' --appendonly no > $OUT/redis.log 2>&1 &
REDIS_PID=$!; sleep 1
$T serve --port 3921 --host 127.0.0.1 --autostart --loop --data-dir /tmp/perf-data --redis redis://127.0.0.1:6391 > $OUT/leader2.log 2>&1 &
sleep 2; LEADER_PID=$(pgrep -f "serve --port 3921" | tail -1)
$T serve --role fanout --port 3922 --host 127.0.0.1 --redis redis://127.0.0.1:6391 > $OUT/fanout.log 2>&1 &
wait_live 3921; sleep 15
for n in 5000 10000; do
  half=$((n / 2))
  $T loadtest --url http://127.0.0.1:3922 --clients $half --duration 20 --workers 1 --json $OUT/two-$n-fanout.json > $OUT/two-$n-fanout.txt 2>&1 &
  FL=$!
  run_load 3921 $half two-$n-leader
  wait $FL; echo "two-$n-fanout:" | tee -a $OUT/summary.txt; grep -E "connections|missed|per phone|latency" $OUT/two-$n-fanout.txt | tee -a $OUT/summary.txt
  sleep 5
done
pkill -f "serve --role fanout --port 3922"; kill $LEADER_PID; kill $REDIS_PID
echo done
