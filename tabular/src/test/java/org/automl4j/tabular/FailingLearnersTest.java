package org.automl4j.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.automl4j.data.Column;
import org.automl4j.data.LabeledTable;
import org.automl4j.data.NumericColumn;
import org.automl4j.data.Table;
import org.junit.jupiter.api.Test;

class FailingLearnersTest {

    @Test
    void theSearchIsHopelessOnlyOnceEveryLearnerFailedItsFirstPipelinesAndNoneRan() {
        FailingLearners f = new FailingLearners(List.of("mlp", "tree"));
        for (int i = 0; i < FailingLearners.LIMIT; i++) {
            assertFalse(f.failed("mlp"), "tree has not failed yet");
        }
        for (int i = 0; i < FailingLearners.LIMIT - 1; i++) {
            assertFalse(f.failed("tree"));
        }
        assertTrue(f.failed("tree"));
        assertTrue(f.allBroken());
    }

    @Test
    void aLearnerWithOnePipelineThatRanIsNeverTakenForBroken() {
        FailingLearners f = new FailingLearners(List.of("lightgbm"));
        f.ran("lightgbm"); // finished, or stopped for time or by racing
        for (int i = 0; i < 10 * FailingLearners.LIMIT; i++) {
            assertFalse(f.failed("lightgbm"));
        }
    }

    @Test
    void aFitWhoseEveryPipelineFailsAtOnceStopsAfterTheFirstFailuresInsteadOfSearchingOn() {
        // before: every pipeline was refused at once and the search drew them until its time (here
        // --max-pipelines) ran out: 200 failed pipelines; for real, 500 in 15 s of `fit --learners mlp` with the
        // deep-learning engine unable to start
        SplittableRandom rnd = new SplittableRandom(3);
        int n = 300;
        double[] a = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextGaussian();
            y[i] = a[i] + 0.1 * rnd.nextGaussian();
        }
        List<Column> cols = new ArrayList<>(List.of(new NumericColumn("a", a), new NumericColumn("y", y)));
        LabeledTable data = LabeledTable.of(new Table(cols), "y");
        MemoryGuard noHeap = new MemoryGuard(1, () -> 0L); // refuses every fit before it starts
        NoPipelineFinishedException e = assertThrows(NoPipelineFinishedException.class, () -> AutoML.fitGuarded(data,
                AutoMLOptions.of(Duration.ofMinutes(10)).withSeed(2).withMaxPipelines(200).withMeta(MetaLearning.off())
                        .withLearners(List.of("tree", "linear")), noHeap));
        assertEquals(2 * FailingLearners.LIMIT, e.failedPipelines(), e.getMessage());
        assertTrue(e.getMessage().contains("not enough heap"), e.getMessage());
    }
}
