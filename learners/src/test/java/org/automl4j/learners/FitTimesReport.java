package org.automl4j.learners;

import java.util.Locale;
import java.util.Map;
import org.automl4j.data.Dataset;
import org.automl4j.data.Task;
import org.automl4j.learners.internal.TribuoData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a unit test: prints fit times with defaults on a synthetic 5,000 x 20 dataset and the cost of
 * converting 36,000 x 100 rows to a Tribuo dataset. Run with
 * {@code -Dtest=FitTimesReport -Dlearners.fitTimes=true}.
 */
@EnabledIfSystemProperty(named = "learners.fitTimes", matches = "true")
class FitTimesReport {

    @Test
    void printFitTimes() {
        Dataset big = TestData.wide(Task.BINARY, 36_000, 100, 1);
        TribuoData.classification(big, "warmup");
        long t0 = System.nanoTime();
        TribuoData.classification(big, "conversion");
        System.out.printf(Locale.ROOT, "tribuo conversion 36000 x 100: %.0f ms%n", (System.nanoTime() - t0) / 1e6);
        for (Task task : new Task[] {Task.BINARY, Task.MULTICLASS, Task.REGRESSION}) {
            Dataset train = TestData.wide(task, 5_000, 20, 2);
            Dataset test = TestData.wide(task, 2_000, 20, 3);
            for (Learner l : Learners.forTask(task)) {
                String only = System.getProperty("learners.fitTimes.only", "");
                if (!only.isEmpty() && !java.util.Arrays.asList(only.split(",")).contains(l.name())) {
                    continue;
                }
                long start = System.nanoTime();
                Model m = l.fit(train, Map.of(), 1);
                double fitMs = (System.nanoTime() - start) / 1e6;
                start = System.nanoTime();
                double[] p = m.predict(test.x());
                double predictMs = (System.nanoTime() - start) / 1e6;
                double score = task.isClassification() ? TestData.accuracy(p, test.y()) : TestData.r2(p, test.y());
                System.out.printf(Locale.ROOT, "%-10s %-14s fit %8.0f ms  predict(2000) %6.0f ms  %s %.3f%n", task,
                        l.name(), fitMs, predictMs, task.isClassification() ? "acc" : "R2", score);
            }
        }
    }
}
