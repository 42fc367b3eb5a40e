package org.automl4j.spark;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

/**
 * The function a trial's Spark task runs on an executor: reads the broadcast data, calls the
 * objective and turns its result or exception into a {@link TaskOutcome}. Exceptions are caught
 * here so that Spark does not retry a failing objective ({@code spark.task.maxFailures}): a thrown
 * exception is the trial's result, not a lost executor. Immutable; serialised once per trial.
 */
final class EvaluateTask<T> implements Function<Map<String, Object>, TaskOutcome> {

    private static final long serialVersionUID = 1L;

    private final SparkMultiObjective<T> objective;
    private final Broadcast<T> data;

    EvaluateTask(SparkMultiObjective<T> objective, Broadcast<T> data) {
        this.objective = Objects.requireNonNull(objective, "objective");
        this.data = data;
    }

    @Override
    public TaskOutcome call(Map<String, Object> params) {
        String executor = executorName();
        try {
            T shared = data == null ? null : data.value();
            return TaskOutcome.values(objective.evaluate(Collections.unmodifiableMap(params), shared), executor);
        } catch (Exception | LinkageError | StackOverflowError e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return TaskOutcome.error(e, executor);
        }
    }

    private static String executorName() {
        SparkEnv env = SparkEnv.get();
        if (env == null) {
            return "unknown";
        }
        return env.executorId() + "@" + env.blockManager().blockManagerId().host();
    }
}
