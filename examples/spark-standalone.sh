#!/usr/bin/env bash
# Runs automl4j's SparkTrials against a real standalone Spark cluster on this machine:
# starts a master and one worker on 127.0.0.1 from the Maven jars (no Spark download), runs
# org.automl4j.spark.examples.StandaloneExample against spark://127.0.0.1:$PORT, prints its result,
# and stops the worker and the master.
#
#   examples/spark-standalone.sh [trials]        (default 40; env PORT=7077 WEBUI_PORT=18080)
#
# How the classes get to the executors:
#  - Spark's own jars: the worker starts each executor with `java -cp $SPARK_HOME/jars/*`, so this
#    script makes a SPARK_HOME (spark/target/spark-home) whose jars/ links to the spark module's
#    Maven dependency jars.
#  - automl4j's classes: the example passes the automl4j-core jar, the automl4j-spark jar and a jar
#    of the example classes to SparkConf.setJars; the driver serves them and each executor fetches
#    them before its first task. Nothing of automl4j is installed on the cluster.
# Needs JDK 17 and Maven with the dependencies in the local repository (runs Maven offline).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TRIALS="${1:-40}"
PORT="${PORT:-7077}"
WEBUI_PORT="${WEBUI_PORT:-18080}"
TARGET="$ROOT/spark/target"
cd "$ROOT"

echo "== building automl4j-core and automl4j-spark (mvn -o package, tests skipped)"
mvn -o -B -q package dependency:build-classpath -pl spark -am -DskipTests \
    -Dmdep.outputFile="$TARGET/spark-classpath.txt" -Dmdep.excludeGroupIds=org.automl4j -Dmdep.includeScope=runtime
VERSION="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)"
CORE_JAR="$ROOT/core/target/automl4j-core-$VERSION.jar"
SPARK_JAR="$TARGET/automl4j-spark-$VERSION.jar"
EXAMPLES_JAR="$TARGET/automl4j-spark-examples.jar"
jar cf "$EXAMPLES_JAR" -C "$TARGET/test-classes" org/automl4j/spark/examples
DEPS="$(cat "$TARGET/spark-classpath.txt")"

export SPARK_HOME="$TARGET/spark-home"
rm -rf "$SPARK_HOME" && mkdir -p "$SPARK_HOME/jars" "$SPARK_HOME/logs" "$SPARK_HOME/work"
tr ':' '\n' <<<"$DEPS" | while read -r j; do ln -s "$j" "$SPARK_HOME/jars/"; done
export SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 SPARK_LOG_DIR="$SPARK_HOME/logs"

PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  echo "== stopped master and worker"
}
trap cleanup EXIT

echo "== starting master spark://127.0.0.1:$PORT (log: $SPARK_HOME/logs/master.log)"
java -Xmx512m -cp "$DEPS" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$PORT" --webui-port "$WEBUI_PORT" >"$SPARK_HOME/logs/master.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 60); do grep -q "I have been elected leader" "$SPARK_HOME/logs/master.log" && break; sleep 0.5; done
grep -q "I have been elected leader" "$SPARK_HOME/logs/master.log" || { cat "$SPARK_HOME/logs/master.log"; exit 1; }

echo "== starting worker: 2 cores, 1g (log: $SPARK_HOME/logs/worker.log)"
java -Xmx512m -cp "$DEPS" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --cores 2 --memory 1g --webui-port $((WEBUI_PORT + 1)) --work-dir "$SPARK_HOME/work" \
    "spark://127.0.0.1:$PORT" >"$SPARK_HOME/logs/worker.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 60); do grep -q "Successfully registered with master" "$SPARK_HOME/logs/worker.log" && break; sleep 0.5; done
grep -q "Successfully registered with master" "$SPARK_HOME/logs/worker.log" || { cat "$SPARK_HOME/logs/worker.log"; exit 1; }

echo "== running StandaloneExample ($TRIALS trials) against spark://127.0.0.1:$PORT"
START=$(date +%s)
java -Xmx1g -cp "$CORE_JAR:$SPARK_JAR:$EXAMPLES_JAR:$DEPS" org.automl4j.spark.examples.StandaloneExample \
    "spark://127.0.0.1:$PORT" "$CORE_JAR,$SPARK_JAR,$EXAMPLES_JAR" "$TRIALS" 2>"$SPARK_HOME/logs/driver.log"
echo "== example took $(( $(date +%s) - START )) s (driver log: $SPARK_HOME/logs/driver.log; executor logs: $SPARK_HOME/work)"
