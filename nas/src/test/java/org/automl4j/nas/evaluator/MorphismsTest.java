package org.automl4j.nas.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import org.automl4j.deep.EngineArrays;
import org.junit.jupiter.api.Test;

class MorphismsTest {

    /** The network's logits on {@code x} (n x inputs), computed by DJL with the weights copied in. */
    static float[] outputs(DenseNet net, float[] x, int n) {
        try (NDManager m = NetworkTrainerTest.ENGINE.newManager()) {
            Block b = net.toBlock();
            b.initialize(m, DataType.FLOAT32, new Shape(n, net.inputs()));
            net.copyInto(b);
            NDArray in = EngineArrays.tensor(m, x, new Shape(n, net.inputs()));
            return b.forward(new ParameterStore(m, false), new NDList(in), false).singletonOrThrow().toFloatArray();
        }
    }

    static float[] randomInputs(int n, int f, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * f];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextDouble() * 4 - 2);
        }
        return x;
    }

    static void assertSameFunction(DenseNet a, DenseNet b) {
        float[] x = randomInputs(50, a.inputs(), 7);
        float[] ya = outputs(a, x, 50);
        float[] yb = outputs(b, x, 50);
        assertEquals(ya.length, yb.length);
        double maxAbs = 0;
        double scale = 0;
        for (int i = 0; i < ya.length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(ya[i] - yb[i]));
            scale = Math.max(scale, Math.abs(ya[i]));
        }
        assertTrue(scale > 0.1, "outputs must not be trivially zero");
        assertTrue(maxAbs <= 1e-5, "morphed outputs differ by " + maxAbs);
    }

    @Test
    void deeperInsertsAnIdentityLayerThatKeepsTheOutputs() {
        DenseNet net = DenseNet.initial(12, new int[] {9, 7}, 4, 1);
        for (int after = 0; after < 2; after++) {
            DenseNet d = Morphisms.deeper(net, after);
            assertEquals(net.layers() + 1, d.layers());
            assertSameFunction(net, d);
        }
    }

    @Test
    void widerReplicatesUnitsAndKeepsTheOutputsWithEqualAndRandomSplits() {
        DenseNet net = DenseNet.initial(12, new int[] {9, 7}, 4, 2);
        for (boolean random : new boolean[] {false, true}) {
            DenseNet w = Morphisms.wider(net, 0, 20, new SplittableRandom(3), random);
            assertEquals(20, w.width(0));
            assertEquals(20, w.weight(1)[0].length);
            assertSameFunction(net, w);
            DenseNet w1 = Morphisms.wider(net, 1, 8, new SplittableRandom(4), random);
            assertSameFunction(net, w1);
        }
    }

    @Test
    void chainsOfRandomMovesStayFunctionPreserving() {
        DenseNet net = DenseNet.initial(10, new int[] {6}, 3, 5);
        SplittableRandom rng = new SplittableRandom(9);
        DenseNet m = net;
        for (int i = 0; i < 6; i++) {
            m = Morphisms.random(m, rng, 4, 40);
        }
        assertNotEquals(net.describe(), m.describe());
        assertSameFunction(net, m);
    }

    static float[] outputs(ConvChain net, float[] x, int n) {
        try (NDManager m = NetworkTrainerTest.ENGINE.newManager()) {
            Shape shape = new Shape(n, net.inChannels(), net.height(), net.width());
            Block b = net.toBlock();
            b.initialize(m, DataType.FLOAT32, shape);
            net.copyInto(b);
            return b.forward(new ParameterStore(m, false), new NDList(EngineArrays.tensor(m, x, shape)), false).singletonOrThrow()
                    .toFloatArray();
        }
    }

    static void assertSameFunction(ConvChain a, ConvChain b) {
        int n = 20;
        float[] x = randomInputs(n, a.inChannels() * a.height() * a.width(), 8);
        float[] ya = outputs(a, x, n);
        float[] yb = outputs(b, x, n);
        double maxAbs = 0;
        double scale = 0;
        for (int i = 0; i < ya.length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(ya[i] - yb[i]));
            scale = Math.max(scale, Math.abs(ya[i]));
        }
        assertTrue(scale > 0.1, "outputs must not be trivially zero");
        assertTrue(maxAbs <= 1e-5, "morphed outputs differ by " + maxAbs);
    }

    @Test
    void convolutionMorphismsKeepTheOutputs() {
        ConvChain net = ConvChain.initial(1, 8, 8, new int[] {4, 6}, 3, 5, 11);
        ConvChain deeper = Morphisms.deeper(net, 0, 3);
        assertEquals(3, deeper.convs().size());
        assertSameFunction(net, deeper);
        assertSameFunction(net, Morphisms.deeper(net, 1, 1));
        for (boolean random : new boolean[] {false, true}) {
            ConvChain inner = Morphisms.wider(net, 0, 9, new SplittableRandom(2), random); // the next conv's inputs split
            assertEquals(9, inner.convs().get(0).out());
            assertEquals(9, inner.convs().get(1).in());
            assertSameFunction(net, inner);
            ConvChain last = Morphisms.wider(net, 1, 10, new SplittableRandom(3), random); // the head's columns split
            assertEquals(10 * 64, last.head()[0].length);
            assertSameFunction(net, last);
        }
        ConvChain chained = Morphisms.wider(Morphisms.deeper(Morphisms.wider(net, 1, 8, new SplittableRandom(4), true), 1, 3),
                2, 12, new SplittableRandom(5), true);
        assertSameFunction(net, chained);
    }

    @Test
    void movesOutsideTheHiddenLayersAreRejectedWithTheValidRange() {
        ConvChain conv = ConvChain.initial(1, 4, 4, new int[] {2}, 3, 2, 1);
        assertThrows(IllegalArgumentException.class, () -> Morphisms.deeper(conv, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> Morphisms.deeper(conv, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> Morphisms.wider(conv, 0, 2, new SplittableRandom(1), false));
        DenseNet net = DenseNet.initial(5, new int[] {4}, 3, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Morphisms.deeper(net, 1));
        assertTrue(e.getMessage().contains("0 to 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Morphisms.wider(net, 0, 3, new SplittableRandom(1), false));
    }

    @Test
    void hillClimbingGrowsTheNetworkFromInheritedWeightsAndIsSeeded() {
        Samples[] d = NetworkTrainerTest.tinyDigits();
        MorphismSearch search = new MorphismSearch(new NetworkTrainer(NetworkTrainerTest.ENGINE), new int[] {16}, 2, 2,
                TrainingConfig.defaults().withEpochs(2).withBatchSize(32).withOptimizer(TrainingConfig.Optimizer.ADAM, 0.01),
                3, 64);
        MorphismSearch.Result a = search.search(d[0], d[1], 2, 4);
        MorphismSearch.Result b = search.search(d[0], d[1], 2, 4);
        assertEquals(3, a.steps().size());
        assertEquals(a.steps(), b.steps());
        assertNotEquals(a.steps().get(0).network(), a.steps().get(2).network());
        // each step trains on from inherited weights, so the kept network improves on the start
        assertTrue(a.accuracy() > a.steps().get(0).accuracy() && a.accuracy() > 0.5, "climb: " + a.steps());
        assertEquals(a.accuracy(), a.steps().get(2).accuracy());
    }

    @Test
    void hillClimbingAlsoGrowsConvolutionalChains() {
        Samples[] d = NetworkTrainerTest.tinyDigits();
        MorphismSearch search = new MorphismSearch(new NetworkTrainer(NetworkTrainerTest.ENGINE), new int[] {1}, 2, 1,
                TrainingConfig.defaults().withEpochs(1).withBatchSize(32).withOptimizer(TrainingConfig.Optimizer.ADAM, 0.01),
                3, 16);
        ConvChain start = ConvChain.initial(1, 8, 8, new int[] {4}, 3, 10, 6);
        MorphismSearch.Result r = search.search(start, d[0], d[1], 2, 7);
        assertEquals(3, r.steps().size());
        assertTrue(r.best() instanceof ConvChain);
        assertTrue(r.steps().get(2).architecture().startsWith("conv"), r.steps().toString());
        assertNotEquals(r.steps().get(0).network(), r.steps().get(2).network());
        assertTrue(r.accuracy() > r.steps().get(0).accuracy(), "climb: " + r.steps());
    }

    @Test
    void aStopSignalEndsTheClimbBetweenStepsKeepingEveryFinishedStep() {
        Samples[] d = NetworkTrainerTest.tinyDigits();
        MorphismSearch search = new MorphismSearch(new NetworkTrainer(NetworkTrainerTest.ENGINE), new int[] {8}, 2, 1,
                TrainingConfig.defaults().withEpochs(1).withBatchSize(32).withOptimizer(TrainingConfig.Optimizer.ADAM, 0.01),
                3, 32);
        int[] asked = {0};
        // the signal is read before each step: false, false, then true, so two of ten steps run
        MorphismSearch.Result r = search.search(d[0], d[1], 10, 4, () -> ++asked[0] > 2);
        assertEquals(3, r.steps().size());
        assertEquals(3, asked[0]);
        assertEquals(r.accuracy(), r.steps().get(2).accuracy());
        // stopped at once, only the starting network is trained
        MorphismSearch.Result none = search.search(d[0], d[1], 10, 4, () -> true);
        assertEquals(1, none.steps().size());
    }
}
