package org.automl4j.nas.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.automl4j.deep.EngineArrays;
import org.junit.jupiter.api.Test;

class BatchNormMorphismsTest {

    /** A network with random batch-norm parameters and statistics, so that identity is not trivial. */
    static BatchNormNet randomNet(int inputs, int[] hidden, int outputs, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<BatchNormNet.Norm> norms = new ArrayList<>();
        for (int h : hidden) {
            float[][] v = new float[4][h];
            for (int i = 0; i < h; i++) {
                v[0][i] = (float) (0.5 + r.nextDouble());
                v[1][i] = (float) (r.nextDouble() - 0.3);
                v[2][i] = (float) (r.nextDouble() - 0.5);
                v[3][i] = (float) (0.2 + 2 * r.nextDouble());
            }
            norms.add(new BatchNormNet.Norm(v[0], v[1], v[2], v[3]));
        }
        return new BatchNormNet(DenseNet.initial(inputs, hidden, outputs, seed), norms);
    }

    static float[] outputs(BatchNormNet net, float[] x, int n, boolean training) {
        try (NDManager m = NetworkTrainerTest.ENGINE.newManager()) {
            Block b = net.toBlock();
            b.initialize(m, DataType.FLOAT32, new Shape(n, net.inputs()));
            net.copyInto(b);
            return b.forward(new ParameterStore(m, false), new NDList(EngineArrays.tensor(m, x, new Shape(n, net.inputs()))),
                    training).singletonOrThrow().toFloatArray();
        }
    }

    static double maxDifference(BatchNormNet a, BatchNormNet b, boolean training) {
        float[] x = MorphismsTest.randomInputs(50, a.inputs(), 7);
        float[] ya = outputs(a, x, 50, training);
        float[] yb = outputs(b, x, 50, training);
        double maxAbs = 0;
        double scale = 0;
        for (int i = 0; i < ya.length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(ya[i] - yb[i]));
            scale = Math.max(scale, Math.abs(ya[i]));
        }
        assertTrue(scale > 0.1, "outputs must not be trivially zero");
        return maxAbs;
    }

    @Test
    void deeperInsertsAnIdentityBatchNormLayerThatKeepsTheInferenceOutputs() {
        BatchNormNet net = randomNet(12, new int[] {9, 7}, 4, 1);
        for (int after = 0; after < 2; after++) {
            BatchNormNet d = Morphisms.deeper(net, after);
            assertEquals(net.layers() + 1, d.layers());
            BatchNormNet.Norm inserted = d.norms().get(after + 1);
            assertTrue(inserted.var()[0] > 0 && inserted.mean()[0] > 0, "statistics of a ReLU output are positive");
            assertEquals(Math.sqrt(inserted.var()[0] + BatchNormNet.EPSILON), inserted.gamma()[0], 1e-6);
            assertEquals(inserted.mean()[0], inserted.beta()[0]);
            double diff = maxDifference(net, d, false);
            assertTrue(diff <= 1e-5, "deeper after " + after + " changes the outputs by " + diff);
        }
    }

    @Test
    void widerReplicatesBatchNormParametersAndKeepsTheOutputsInBothModes() {
        BatchNormNet net = randomNet(12, new int[] {9, 7}, 4, 2);
        for (boolean random : new boolean[] {false, true}) {
            BatchNormNet w0 = Morphisms.wider(net, 0, 20, new SplittableRandom(3), random);
            BatchNormNet w1 = Morphisms.wider(net, 1, 11, new SplittableRandom(4), random);
            assertEquals(20, w0.width(0));
            assertEquals(20, w0.norms().get(0).size());
            for (BatchNormNet w : List.of(w0, w1)) {
                double inference = maxDifference(net, w, false);
                assertTrue(inference <= 1e-5, "wider changes the inference outputs by " + inference);
                // copies see the same batch statistics as their unit, so training mode is preserved as well
                double training = maxDifference(net, w, true);
                assertTrue(training <= 1e-5, "wider changes the training-mode outputs by " + training);
            }
        }
    }

    @Test
    void randomMoveChainsStayFunctionPreservingAndTheBlockRoundTrips() {
        BatchNormNet net = randomNet(10, new int[] {6}, 3, 5);
        SplittableRandom rng = new SplittableRandom(9);
        BatchNormNet m = net;
        for (int i = 0; i < 6; i++) {
            m = Morphisms.random(m, rng, 4, 40);
        }
        assertNotEquals(net.describe(), m.describe());
        double diff = maxDifference(net, m, false);
        assertTrue(diff <= 1e-5, "six random moves change the outputs by " + diff);
        assertTrue(m.architecture().encode().contains("bn"), m.architecture().encode());
        try (NDManager nd = NetworkTrainerTest.ENGINE.newManager()) {
            Block b = m.toBlock();
            b.initialize(nd, DataType.FLOAT32, new Shape(1, m.inputs()));
            m.copyInto(b);
            BatchNormNet back = BatchNormNet.of(b);
            assertEquals(m.describe(), back.describe());
            for (int l = 0; l < m.norms().size(); l++) {
                assertEquals(java.util.Arrays.toString(m.norms().get(l).var()), java.util.Arrays.toString(back.norms().get(l).var()));
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> BatchNormNet.of(DenseNet.initial(3, new int[] {2}, 2, 1).toBlock()));
            assertTrue(e.getMessage().contains("BatchNormNet.toBlock()"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Morphisms.deeper(net, 1));
        assertThrows(IllegalArgumentException.class, () -> new BatchNormNet(net.linear(), List.of()));
    }

    @Test
    void hillClimbingGrowsABatchNormNetworkFromInheritedWeights() {
        Samples[] d = NetworkTrainerTest.tinyDigits();
        MorphismSearch search = new MorphismSearch(new NetworkTrainer(NetworkTrainerTest.ENGINE), new int[] {16}, 2, 1,
                TrainingConfig.defaults().withEpochs(2).withBatchSize(32).withOptimizer(TrainingConfig.Optimizer.ADAM, 0.01),
                3, 48);
        MorphismSearch.Result r = search.search(BatchNormNet.initial(64, new int[] {16}, 10, 3), d[0], d[1], 2, 5);
        assertTrue(r.best() instanceof BatchNormNet);
        assertNotEquals(r.steps().get(0).network(), r.steps().get(2).network());
        assertTrue(r.accuracy() > 0.5, "climb: " + r.steps());
    }

    /** A convolution chain with random batch norms after its convolutions. */
    static ConvChain randomConvChain(long seed) {
        ConvChain plain = ConvChain.initial(1, 8, 8, new int[] {4, 6}, 3, 5, seed);
        SplittableRandom r = new SplittableRandom(seed);
        List<ConvChain.Conv> convs = new ArrayList<>();
        for (ConvChain.Conv c : plain.convs()) {
            float[][] v = new float[4][c.out()];
            for (int i = 0; i < c.out(); i++) {
                v[0][i] = (float) (0.5 + r.nextDouble());
                v[1][i] = (float) (r.nextDouble() - 0.3);
                v[2][i] = (float) (r.nextDouble() - 0.5);
                v[3][i] = (float) (0.2 + 2 * r.nextDouble());
            }
            convs.add(new ConvChain.Conv(c.out(), c.in(), c.kernel(), c.weights(), c.bias(),
                    new BatchNormNet.Norm(v[0], v[1], v[2], v[3])));
        }
        return new ConvChain(8, 8, convs, plain.head(), plain.headBias());
    }

    static double maxDifference(ConvChain a, ConvChain b, boolean training) {
        int n = 20;
        float[] x = MorphismsTest.randomInputs(n, 64, 8);
        float[][] y = new float[2][];
        int k = 0;
        for (ConvChain net : List.of(a, b)) {
            try (NDManager m = NetworkTrainerTest.ENGINE.newManager()) {
                Shape shape = new Shape(n, 1, 8, 8);
                Block blk = net.toBlock();
                blk.initialize(m, DataType.FLOAT32, shape);
                net.copyInto(blk);
                y[k++] = blk.forward(new ParameterStore(m, false), new NDList(EngineArrays.tensor(m, x, shape)), training)
                        .singletonOrThrow().toFloatArray();
            }
        }
        double maxAbs = 0;
        double scale = 0;
        for (int i = 0; i < y[0].length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(y[0][i] - y[1][i]));
            scale = Math.max(scale, Math.abs(y[0][i]));
        }
        assertTrue(scale > 0.1, "outputs must not be trivially zero");
        return maxAbs;
    }

    @Test
    void convolutionMorphismsThroughBatchNormKeepTheOutputs() {
        ConvChain net = randomConvChain(11);
        ConvChain deeper = Morphisms.deeper(net, 0, 3);
        assertTrue(deeper.convs().get(1).norm() != null, "the inserted convolution gets a batch norm too");
        assertTrue(maxDifference(net, deeper, false) <= 1e-5, "deeper: " + maxDifference(net, deeper, false));
        ConvChain last = Morphisms.deeper(net, 1, 1);
        assertTrue(maxDifference(net, last, false) <= 1e-5, "deeper at the end: " + maxDifference(net, last, false));
        for (boolean random : new boolean[] {false, true}) {
            ConvChain inner = Morphisms.wider(net, 0, 9, new SplittableRandom(2), random);
            ConvChain outer = Morphisms.wider(net, 1, 10, new SplittableRandom(3), random);
            assertEquals(9, inner.convs().get(0).norm().size());
            for (ConvChain w : List.of(inner, outer)) {
                assertTrue(maxDifference(net, w, false) <= 1e-5, "wider: " + maxDifference(net, w, false));
                assertTrue(maxDifference(net, w, true) <= 1e-5, "wider, training mode: " + maxDifference(net, w, true));
            }
        }
        ConvChain m = net;
        SplittableRandom rng = new SplittableRandom(6);
        for (int i = 0; i < 5; i++) {
            m = (ConvChain) m.randomMove(rng, 4, 16);
        }
        assertNotEquals(net.describe(), m.describe());
        assertTrue(m.describe().contains("bn"), m.describe());
        assertTrue(maxDifference(net, m, false) <= 1e-5, "five random moves: " + maxDifference(net, m, false));
        try (NDManager nd = NetworkTrainerTest.ENGINE.newManager()) {
            Block b = m.toBlock();
            b.initialize(nd, DataType.FLOAT32, new Shape(1, 1, 8, 8));
            m.copyInto(b);
            ConvChain back = m.readBack(b);
            assertEquals(m.describe(), back.describe());
            assertEquals(java.util.Arrays.toString(m.convs().get(0).norm().mean()),
                    java.util.Arrays.toString(back.convs().get(0).norm().mean()));
            Block plain = ConvChain.initial(1, 8, 8, new int[] {4, 6}, 3, 5, 1).toBlock();
            plain.initialize(nd, DataType.FLOAT32, new Shape(1, 1, 8, 8));
            assertThrows(IllegalArgumentException.class, () -> net.copyInto(plain));
        }
    }
}
