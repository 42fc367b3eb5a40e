package org.automl4j.metagrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.SplittableRandom;
import org.automl4j.deep.DeepEngine;
import org.junit.jupiter.api.Test;

/**
 * Constants inside differentiated operations survive a garbage collection between the forward and the backward
 * pass (DJL's number operands do not: see {@link Tensors#scalar}).
 */
class ScalarOperandTest {
    private static final DeepEngine ENGINE = DeepEngine.start();

    /** Frees collectable direct buffers and allocates new ones over their memory, as a busy program does. */
    private static void churn() {
        System.gc();
        for (int k = 0; k < 2000; k++) {
            java.nio.ByteBuffer.allocateDirect(4).order(java.nio.ByteOrder.nativeOrder()).putFloat(0, 777f);
        }
    }

    @Test
    void aScalarOperandKeepsItsValueForTheBackwardPassAfterAGarbageCollection() {
        for (int round = 0; round < 40; round++) {
            try (NDManager m = ENGINE.newManager()) {
                NDArray x = Tensors.create(m, new float[] {1f, 2f, 3f}, new Shape(3));
                x.setRequiresGradient(true);
                try (GradientCollector gc = ENGINE.engine().newGradientCollector()) {
                    NDArray y = x.mul(Tensors.scalar(m, 2.5f)).maximum(Tensors.scalar(m, 3f)).sum();
                    churn();
                    gc.backward(y);
                }
                assertArrayEquals(new float[] {0f, 2.5f, 2.5f}, x.getGradient().toFloatArray(), "round " + round);
            }
        }
    }

    @Test
    void theGradientThroughACosineEmbeddingDoesNotDependOnGarbageCollection() {
        ConvSpec spec = new ConvSpec(8, List.of(3, 4), 5, 2.5);
        ConvNet net = new ConvNet(spec);
        ConvWeights w = ConvNet.random(spec, 3, false);
        SplittableRandom rng = new SplittableRandom(5);
        float[][][] x = new float[1][6][64];
        for (float[] row : x[0]) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) rng.nextDouble();
            }
        }
        float[] quiet = firstLayerGradient(net, w, x, false);
        assertTrue(quiet.length > 0 && java.util.Arrays.stream(toDoubles(quiet)).anyMatch(v -> v != 0));
        for (int round = 0; round < 20; round++) {
            assertArrayEquals(quiet, firstLayerGradient(net, w, x, true), "round " + round);
        }
    }

    private static float[] firstLayerGradient(ConvNet net, ConvWeights w, float[][][] x, boolean collect) {
        try (NDManager m = ENGINE.newManager()) {
            NDList p = net.upload(m, w);
            p.forEach(a -> a.setRequiresGradient(true));
            try (GradientCollector gc = ENGINE.engine().newGradientCollector()) {
                NDArray e = net.embed(p, net.inputs(m, x));
                NDArray loss = e.sum(new int[] {2}).square().sum();
                if (collect) {
                    churn();
                }
                gc.backward(loss);
            }
            return p.get(0).getGradient().toFloatArray();
        }
    }

    private static double[] toDoubles(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
