package org.automl4j.metagrad.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.SplittableRandom;
import org.automl4j.deep.DeepEngine;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What DJL 0.36 offers for higher-order gradients, and that automl4j's way (the backward pass written as
 * differentiable operations) gives the same second-order MAML gradient as PyTorch's double backward.
 */
class SecondOrderTest {

    /**
     * DJL's public {@code GradientCollector.backward} always passes {@code create_graph=false}; the engine class
     * {@code JniUtils.backward(target, grad, keepGraph, createGraph)} reaches PyTorch's double backward, but its
     * gradient lands in the leaf's {@code .grad}, and later backward passes add into that same tensor in place.
     */
    @Test
    @SuppressWarnings("try") // the collector only switches autograd on; the JNI call does the backward passes
    void pytorchEngineDifferentiatesTwiceOnlyThroughItsInternalJniCall() {
        DeepEngine engine = DeepEngine.start();
        try (NDManager m = engine.newManager()) {
            NDArray x = Tensors.create(m, new float[] {2f}, new Shape(1));
            x.setRequiresGradient(true);
            try (GradientCollector gc = engine.engine().newGradientCollector()) {
                NDArray y = x.pow(3).sum();
                JniUtils.backward((PtNDArray) y, (PtNDArray) m.ones(y.getShape()), true, true);
                NDArray g = x.getGradient();
                assertEquals(12f, g.getFloat(), 1e-5f); // 3 x^2
                JniUtils.backward((PtNDArray) g.sum(), (PtNDArray) m.ones(new Shape()), false, false);
                // .grad now holds 3x^2 + 6x: the second derivative was added into the first one in place
                assertEquals(24f, x.getGradient().getFloat(), 1e-5f);
                assertEquals(24f, g.getFloat(), 1e-5f);
            }
        }
    }

    private static NDList detached(NDList l) {
        NDList out = new NDList();
        for (NDArray a : l) {
            out.add(a.stopGradient());
        }
        return out;
    }

    @Test
    @SuppressWarnings("try") // the second collector only switches autograd on; the JNI calls do the backward passes
    void mamlMetaGradientFromTheWrittenOutBackwardEqualsPytorchDoubleBackward() {
        DeepEngine engine = DeepEngine.start();
        MlpSpec spec = new MlpSpec(2, List.of(6), 1, Activation.TANH);
        BatchedMlp net = new BatchedMlp(spec, Loss.MSE);
        Weights w = Weights.random(spec, 5);
        SplittableRandom r = new SplittableRandom(8);
        float[][][] xs = BatchedMlpTest.randomInputs(r, 1, 5, 2);
        float[][][] xq = BatchedMlpTest.randomInputs(r, 1, 7, 2);
        float[][] ys = {{0.3f, -1f, 0.5f, 2f, 0f}};
        float[][] yq = {{1f, 0.2f, -0.4f, 0.1f, 1.5f, -2f, 0.7f}};
        float alpha = 0.3f;
        float[][] ours = new float[spec.layers() * 2][];
        float[][] firstOrder = new float[spec.layers() * 2][];
        try (NDManager m = engine.newManager()) {
            NDArray sx = net.inputs(m, xs);
            NDArray sy = net.targets(m, ys);
            NDArray qx = net.inputs(m, xq);
            NDArray qy = net.targets(m, yq);
            NDList theta = net.upload(m, w);
            theta.forEach(a -> a.setRequiresGradient(true));
            try (GradientCollector gc = engine.engine().newGradientCollector()) {
                NDList phi = net.step(theta, net.pass(theta, sx, sy).gradients(), alpha);
                gc.backward(net.lossPerTask(phi, qx, qy).sum());
                NDList plain = net.step(detached(theta), detached(net.pass(theta, sx, sy).gradients()), alpha);
                NDList fo = net.pass(plain, qx, qy).gradients();
                for (int i = 0; i < theta.size(); i++) {
                    ours[i] = theta.get(i).getGradient().toFloatArray();
                    firstOrder[i] = fo.get(i).toFloatArray();
                }
            }
        }
        try (NDManager m = engine.newManager()) {
            NDArray sx = net.inputs(m, xs);
            NDArray sy = net.targets(m, ys);
            NDArray qx = net.inputs(m, xq);
            NDArray qy = net.targets(m, yq);
            NDList theta = net.upload(m, w);
            theta.forEach(a -> a.setRequiresGradient(true));
            try (GradientCollector gc = engine.engine().newGradientCollector()) {
                NDArray inner = net.lossPerTask(theta, sx, sy).sum();
                JniUtils.backward((PtNDArray) inner, (PtNDArray) m.ones(inner.getShape()), true, true);
                NDList g = new NDList();
                NDList gValue = new NDList();
                for (NDArray t : theta) {
                    g.add(t.getGradient());
                    gValue.add(t.getGradient().duplicate());
                }
                NDList phi = net.step(theta, g, alpha);
                NDArray outer = net.lossPerTask(phi, qx, qy).sum();
                JniUtils.backward((PtNDArray) outer, (PtNDArray) m.ones(outer.getShape()), false, false);
                double secondOrderSize = 0;
                for (int i = 0; i < theta.size(); i++) {
                    float[] doubleBackward = theta.get(i).getGradient().sub(gValue.get(i)).toFloatArray();
                    assertArrayEquals(doubleBackward, ours[i], 1e-4f, "array " + i);
                    for (int j = 0; j < ours[i].length; j++) {
                        secondOrderSize += Math.abs(ours[i][j] - firstOrder[i][j]);
                    }
                }
                assertTrue(secondOrderSize > 1e-2, "second-order terms are visible: " + secondOrderSize);
            }
        }
    }
}
