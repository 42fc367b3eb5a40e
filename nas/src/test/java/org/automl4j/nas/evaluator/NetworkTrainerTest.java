package org.automl4j.nas.evaluator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.automl4j.data.images.ImageSet;
import org.automl4j.deep.DeepEngine;
import org.automl4j.nas.space.Cell;
import org.automl4j.nas.space.ChainArchitecture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkTrainerTest {
    static final DeepEngine ENGINE = DeepEngine.start();
    static final Cell CONV_CELL = Cell.decode("|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|nor_conv_3x3~2|");

    /** 500 training and 200 validation digits (seeded stratified subsets). */
    static Samples[] tinyDigits() {
        ImageSet.TrainTest tt = ImageSet.digits().stratifiedFraction(0.4, 1).split(0.28, 2);
        return new Samples[] {Samples.of(tt.train()), Samples.of(tt.test())};
    }

    static final TrainingConfig QUICK = TrainingConfig.defaults().withEpochs(3).withBatchSize(32);

    @Test
    void aCellNetworkLearnsTheDigitsWellAboveChance() {
        Samples[] d = tinyDigits();
        CellNetworkSpec spec = new CellNetworkSpec(8, 1, 2);
        TrainingResult r = new NetworkTrainer(ENGINE).train(() -> spec.build(CONV_CELL, 10), d[0], d[1], QUICK, 3,
                EpochCallback.NONE);
        assertEquals(3, r.epochs());
        assertTrue(r.finalValidationAccuracy() > 0.5, "chance is 0.1, got " + r.validationAccuracy());
        assertTrue(r.parameters() > 1000, "parameters " + r.parameters());
        assertEquals(d[0].size(), r.trainSamples());
    }

    @Test
    void theSameSeedGivesTheSameAccuraciesAndAnotherSeedOthers() {
        Samples[] d = tinyDigits();
        CellNetworkSpec spec = new CellNetworkSpec(4, 1, 2);
        NetworkTrainer t = new NetworkTrainer(ENGINE);
        TrainingConfig c = QUICK.withEpochs(2);
        TrainingResult a = t.train(() -> spec.build(CONV_CELL, 10), d[0], d[1], c, 11, EpochCallback.NONE);
        TrainingResult b = t.train(() -> spec.build(CONV_CELL, 10), d[0], d[1], c, 11, EpochCallback.NONE);
        TrainingResult other = t.train(() -> spec.build(CONV_CELL, 10), d[0], d[1], c, 12, EpochCallback.NONE);
        assertEquals(a.validationAccuracy(), b.validationAccuracy());
        assertNotEquals(a.validationAccuracy(), other.validationAccuracy());
        // SGD with a dropout chain network is seeded too
        ChainArchitecture mlp = ChainArchitecture.decode("dense32-relu-d0.2 > dense16-tanh-bn-skip");
        TrainingConfig sgd = c.withOptimizer(TrainingConfig.Optimizer.SGD, 0.1);
        Samples flat = flatten(d[0]);
        Samples flatVal = flatten(d[1]);
        TrainingResult s1 = t.train(() -> ChainNetworks.build(mlp, new int[] {64}, 10), flat, flatVal, sgd, 5, EpochCallback.NONE);
        TrainingResult s2 = t.train(() -> ChainNetworks.build(mlp, new int[] {64}, 10), flat, flatVal, sgd, 5, EpochCallback.NONE);
        assertEquals(s1.validationAccuracy(), s2.validationAccuracy());
        assertTrue(s1.finalValidationAccuracy() > 0.3, "an MLP learns too: " + s1.validationAccuracy());
    }

    private static Samples flatten(Samples s) {
        double[][] rows = new double[s.size()][];
        int[] y = new int[s.size()];
        float[] x = new float[s.size() * 64];
        int[] all = new int[s.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        s.gather(all, 0, all.length, x, new float[all.length]);
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[64];
            for (int j = 0; j < 64; j++) {
                rows[i][j] = x[i * 64 + j];
            }
            y[i] = s.label(i);
        }
        return Samples.ofRows(rows, y, s.classes());
    }

    @Test
    void theCallbackSeesEveryEpochAndCanStopTraining() {
        Samples[] d = tinyDigits();
        List<Integer> seen = new ArrayList<>();
        TrainingResult r = new NetworkTrainer(ENGINE).train(() -> new CellNetworkSpec(4, 1, 2).build(CONV_CELL, 10),
                d[0], d[1], QUICK, 1, (epoch, acc) -> {
                    seen.add(epoch);
                    return epoch < 2;
                });
        assertEquals(List.of(1, 2), seen);
        assertTrue(r.stoppedEarly());
        assertEquals(2, r.epochs());
    }

    @Test
    void aDataFractionTrainsOnAStratifiedSubset() {
        Samples[] d = tinyDigits();
        TrainingResult r = new NetworkTrainer(ENGINE).train(() -> new CellNetworkSpec(4, 1, 2).build(CONV_CELL, 10),
                d[0], d[1], QUICK.withEpochs(1).withDataFraction(0.25), 1, EpochCallback.NONE);
        assertTrue(Math.abs(r.trainSamples() - d[0].size() / 4) <= 10, "used " + r.trainSamples());
    }

    @Test
    void aSavedNetworkLoadsAndPredictsTheSame(@TempDir Path dir) {
        Samples[] d = tinyDigits();
        CellNetworkSpec spec = new CellNetworkSpec(4, 1, 2);
        int[] before;
        double acc;
        try (TrainedNetwork net = new NetworkTrainer(ENGINE).fit(() -> spec.build(CONV_CELL, 10), d[0], d[1],
                QUICK.withEpochs(1), 4, EpochCallback.NONE)) {
            before = net.predict(d[1]);
            acc = net.accuracy(d[1]);
            assertEquals(net.result().finalValidationAccuracy(), acc, 1e-12);
            net.save(dir, "best");
        }
        try (TrainedNetwork loaded = TrainedNetwork.load(ENGINE, () -> spec.build(CONV_CELL, 10), new int[] {1, 8, 8}, 10,
                dir, "best")) {
            assertArrayEquals(before, loaded.predict(d[1]));
            assertEquals(acc, loaded.accuracy(d[1]), 1e-12);
        }
    }

    @Test
    void samplesRejectMismatchedShapes() {
        SplittableRandom r = new SplittableRandom(0);
        double[][] rows = {{r.nextDouble(), 1}, {0, 1}};
        Samples two = Samples.ofRows(rows, new int[] {0, 1}, 2);
        Samples three = Samples.ofRows(new double[][] {{0, 1, 2}, {1, 2, 3}}, new int[] {0, 1}, 2);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new NetworkTrainer(ENGINE).train(() -> null, two, three, QUICK, 0, EpochCallback.NONE));
        assertTrue(e.getMessage().contains("shape"), e.getMessage());
    }
}
