package org.automl4j.metagrad.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.SplittableRandom;
import org.automl4j.deep.DeepEngine;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class BatchedMlpTest {

    static float[][][] randomInputs(SplittableRandom r, int t, int n, int d) {
        float[][][] x = new float[t][n][d];
        for (float[][] a : x) {
            for (float[] row : a) {
                for (int j = 0; j < d; j++) {
                    row[j] = (float) r.nextGaussian();
                }
            }
        }
        return x;
    }

    @Test
    void writtenOutGradientsEqualAutogradForEveryLossAndActivation() {
        DeepEngine engine = DeepEngine.start();
        engine.seed(3);
        SplittableRandom r = new SplittableRandom(3);
        for (Activation act : Activation.values()) {
            for (Loss loss : Loss.values()) {
                int outputs = loss == Loss.MSE ? 1 : 4;
                MlpSpec spec = new MlpSpec(3, List.of(7, 5), outputs, act);
                BatchedMlp net = new BatchedMlp(spec, loss);
                try (NDManager m = engine.newManager()) {
                    NDArray x = net.inputs(m, randomInputs(r, 2, 6, 3));
                    float[][] y = new float[2][6];
                    for (float[] row : y) {
                        for (int i = 0; i < row.length; i++) {
                            row[i] = loss == Loss.MSE ? (float) r.nextGaussian() : r.nextInt(outputs);
                        }
                    }
                    NDArray target = net.targets(m, y);
                    // per-task parameters: [2, in, out]
                    NDList params = new NDList();
                    for (NDArray p : net.upload(m, Weights.random(spec, 11))) {
                        params.add(p.repeat(0, 2).add(m.randomNormal(new ai.djl.ndarray.types.Shape(2, p.getShape().get(1), p.getShape().get(2))).mul(0.1f)));
                    }
                    BatchedMlp.Pass pass = net.pass(params, x, target);
                    for (NDArray p : params) {
                        p.setRequiresGradient(true);
                    }
                    try (GradientCollector gc = engine.engine().newGradientCollector()) {
                        gc.backward(net.lossPerTask(params, x, target).sum());
                    }
                    assertArrayEquals(net.lossPerTask(params, x, target).toFloatArray(), pass.loss().toFloatArray(), 1e-5f);
                    for (int i = 0; i < params.size(); i++) {
                        float[] auto = params.get(i).getGradient().toFloatArray();
                        float[] ours = pass.gradients().get(i).toFloatArray();
                        assertEquals(auto.length, ours.length);
                        assertArrayEquals(auto, ours, 1e-5f, act + " " + loss + " array " + i);
                    }
                }
            }
        }
    }

    /**
     * Regression for a use-after-free: DJL makes the scalar of {@code x.mul(2f)} over a Java buffer and closes it at
     * once, while autograd keeps it for the backward pass. Collecting garbage and reusing that memory between the
     * forward pass through unrolled steps and the backward pass must not change the second-order gradient.
     */
    @Test
    void secondOrderGradientSurvivesGarbageCollectionBetweenForwardAndBackward() {
        DeepEngine engine = DeepEngine.start();
        float[] clean = null;
        for (boolean disturb : new boolean[] {false, true}) {
            for (Activation act : Activation.values()) {
                for (Loss loss : Loss.values()) {
                    MlpSpec spec = new MlpSpec(3, List.of(6), loss == Loss.MSE ? 1 : 3, act);
                    BatchedMlp net = new BatchedMlp(spec, loss);
                    SplittableRandom r = new SplittableRandom(5);
                    float[][] y = new float[2][8];
                    for (float[] row : y) {
                        for (int i = 0; i < row.length; i++) {
                            row[i] = loss == Loss.MSE ? (float) r.nextGaussian() : r.nextInt(3);
                        }
                    }
                    try (NDManager m = engine.newManager()) {
                        NDArray x = net.inputs(m, randomInputs(r, 2, 8, 3));
                        NDArray target = net.targets(m, y);
                        NDList leaves = net.upload(m, Weights.random(spec, 1));
                        for (NDArray a : leaves) {
                            a.setRequiresGradient(true);
                        }
                        try (GradientCollector gc = engine.engine().newGradientCollector()) {
                            NDList phi = leaves;
                            for (int k = 0; k < 3; k++) {
                                phi = net.step(phi, net.pass(phi, x, target).gradients(), 0.3f);
                            }
                            NDArray metaLoss = net.lossPerTask(phi, x, target).sum();
                            if (disturb) {
                                churn(m);
                            }
                            gc.backward(metaLoss);
                        }
                        float[] g = leaves.get(0).getGradient().toFloatArray();
                        String key = act + " " + loss;
                        if (!disturb) {
                            clean = concat(clean, g);
                        } else {
                            float[] expected = java.util.Arrays.copyOfRange(clean, offset, offset + g.length);
                            offset += g.length;
                            assertArrayEquals(expected, g, 0f, key);
                        }
                    }
                }
            }
        }
    }

    private int offset;

    private static float[] concat(float[] a, float[] b) {
        if (a == null) {
            return b.clone();
        }
        float[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** Lets the collector free unreachable Java buffers and fills freed small blocks with other values. */
    private static void churn(NDManager m) {
        for (int round = 0; round < 3; round++) {
            System.gc();
            try (NDManager junk = m.newSubManager()) {
                for (int i = 0; i < 20_000; i++) {
                    junk.create(new float[] {Float.NaN});
                }
            }
        }
    }
}
