package org.automl4j.metagrad.fewshot;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.automl4j.deep.DeepEngine;
import org.automl4j.metagrad.nn.Activation;
import org.automl4j.metagrad.nn.BatchedMlp;
import org.automl4j.metagrad.nn.Loss;
import org.automl4j.metagrad.nn.MlpSpec;
import org.automl4j.metagrad.nn.Weights;

/**
 * The pretrain-then-fine-tune baseline of few-shot classification (Chen et al. 2019's "Baseline"): one
 * classifier trained on every class of the meta-training pool at once, whose output layer is then replaced by
 * a fresh N-way head ({@link #withFreshHead}) and fine-tuned on each new task's support set
 * ({@link Adaptation#curve} with the body frozen, or all layers).
 */
public final class Pretraining {
    private final DeepEngine engine;

    public Pretraining(DeepEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * Trains a {@code pool.classCount()}-way classifier on all examples of the pool with minibatch SGD.
     *
     * @param epochs passes over the pool
     * @param batch  minibatch size
     * @param lr     SGD learning rate
     */
    public Weights pretrain(ClassificationTasks pool, List<Integer> hidden, Activation activation, int epochs, int batch,
                            double lr, long seed) {
        if (epochs < 1 || batch < 1 || !(lr > 0)) {
            throw new IllegalArgumentException("need epochs >= 1, batch >= 1 and lr > 0, got " + epochs + ", " + batch + ", " + lr);
        }
        MlpSpec spec = new MlpSpec(pool.inputs(), hidden, pool.classCount(), activation);
        BatchedMlp net = new BatchedMlp(spec, Loss.SOFTMAX_CROSS_ENTROPY);
        SplittableRandom rng = new SplittableRandom(seed);
        Weights w = Weights.random(spec, rng.nextLong());
        try (NDManager root = engine.newManager()) {
            NDList p = net.upload(root, w);
            for (int e = 0; e < epochs; e++) {
                for (Examples mb : pool.minibatches(rng, batch)) {
                    float[][] x = mb.x();
                    float[] y = mb.y();
                    NDList next;
                    try (NDManager s = root.newSubManager()) {
                        s.tempAttachAll(p);
                        NDArray xs = net.inputs(s, new float[][][] {x});
                        NDArray ys = net.targets(s, new float[][] {y});
                        next = net.step(p, net.pass(p, xs, ys).gradients(), (float) lr);
                        next.attach(root);
                    }
                    p.close();
                    p = next;
                }
            }
            return net.download(p, 0);
        }
    }

    /** The pretrained body with a zero-initialised {@code ways}-way output layer (uniform initial predictions). */
    public static Weights withFreshHead(Weights pretrained, int ways) {
        MlpSpec s = pretrained.spec().withOutputs(ways);
        List<float[]> t = Weights.random(s, 0).tensors();
        int last = 2 * (s.layers() - 1);
        t.set(last, new float[t.get(last).length]);
        t.set(last + 1, new float[t.get(last + 1).length]);
        return pretrained.withHead(new Weights(s, t));
    }
}
