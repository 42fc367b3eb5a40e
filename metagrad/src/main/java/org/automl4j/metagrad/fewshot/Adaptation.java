package org.automl4j.metagrad.fewshot;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Objects;
import org.automl4j.deep.DeepEngine;
import org.automl4j.metagrad.nn.BatchedMlp;
import org.automl4j.metagrad.nn.Loss;
import org.automl4j.metagrad.nn.Weights;

/**
 * Adapting an initialisation to new tasks: {@code k} full-batch SGD steps on the support set, as in
 * meta-training. {@link #adapt} adapts to one task; {@link #curve} measures many tasks at once, step by step.
 * Deterministic (no random choices). Thread-safe: each call uses its own arrays.
 *
 * <p>With a prototype head (Proto-MAML, {@link MetaInit#prototypeHead()}) the output layer is first replaced, per
 * task, by the support set's class prototypes in the last hidden layer ({@link BatchedMlp#withPrototypeHead}): after
 * 0 steps that is squared-Euclidean nearest-prototype classification in the network's embedding.
 */
public final class Adaptation {
    private final DeepEngine engine;

    public Adaptation(DeepEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * The weights after {@code steps} SGD steps with learning rate {@code lr} on {@code support} (inputs
     * already scaled).
     *
     * @throws IllegalArgumentException when the support set does not fit the network (feature count, class
     *                                  indices) or the steps diverge
     */
    public Weights adapt(Weights init, Loss loss, Examples support, int steps, double lr) {
        return adapt(init, loss, support, steps, lr, false);
    }

    /**
     * As {@link #adapt(Weights, Loss, Examples, int, double)}; with {@code prototypeHead} the output layer first
     * becomes the support set's prototype head (classifiers only), which the steps then adapt with the rest.
     */
    public Weights adapt(Weights init, Loss loss, Examples support, int steps, double lr, boolean prototypeHead) {
        check(init, support, steps, lr);
        checkHead(loss, prototypeHead);
        BatchedMlp net = new BatchedMlp(init.spec(), loss);
        try (NDManager m = engine.newManager()) {
            NDArray x = net.inputs(m, new float[][][] {support.x()});
            NDArray y = net.targets(m, new float[][] {support.y()});
            NDList p = net.upload(m, init);
            if (prototypeHead) {
                p = net.withPrototypeHead(p, x, y);
            }
            for (int k = 0; k < steps; k++) {
                p = net.step(p, net.pass(p, x, y).gradients(), (float) lr);
            }
            try {
                return net.download(p, 0);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("adaptation diverged (" + e.getMessage() + "); use a smaller learning"
                        + " rate than " + lr, e);
            }
        }
    }

    private static void checkHead(Loss loss, boolean prototypeHead) {
        if (prototypeHead && !loss.classification()) {
            throw new IllegalArgumentException("a prototype head needs a classifier, but the loss is " + loss
                    + "; adapt without the prototype head");
        }
    }

    private static void check(Weights init, Examples support, int steps, double lr) {
        if (support.features() != init.spec().inputs()) {
            throw new IllegalArgumentException("the support set has " + support.features() + " features per row, but the"
                    + " network takes " + init.spec().inputs());
        }
        if (steps < 0 || !(lr > 0)) {
            throw new IllegalArgumentException("need steps >= 0 and a positive learning rate, but got " + steps + " and " + lr);
        }
    }

    /**
     * Predictions for rows {@code x} (inputs already scaled): the value for MSE networks (one column), the class
     * probabilities for classifiers (one column per class).
     */
    public float[][] predict(Weights w, Loss loss, float[][] x) {
        BatchedMlp net = new BatchedMlp(w.spec(), loss);
        try (NDManager m = engine.newManager()) {
            NDArray out = net.forward(net.upload(m, w), net.inputs(m, new float[][][] {x}));
            if (loss.classification()) {
                out = out.softmax(2);
            }
            return org.automl4j.metagrad.nn.Tensors.rows(out);
        }
    }

    /**
     * Adapts {@code init} to every task (all at once) and records the mean query loss and accuracy after
     * each of {@code steps} SGD steps; the first {@code frozenLayers} linear layers stay fixed (0: all
     * layers learn; {@code layers - 1}: only the output layer, i.e. fine-tuning a head).
     */
    public Curve curve(Weights init, Loss loss, List<FewShotTask> tasks, int steps, double lr, int frozenLayers) {
        return curve(init, null, loss, tasks, steps, lr, frozenLayers);
    }

    /**
     * As {@link #curve(Weights, Loss, List, int, double, int)}, but every parameter steps by {@code lr} times its own
     * rate in {@code rates} (Meta-SGD's learned per-parameter rates, {@link MetaInit#innerRates()}; {@code lr = 1}
     * adapts as meta-training did). {@code rates} null: one rate {@code lr} for all.
     */
    public Curve curve(Weights init, Weights rates, Loss loss, List<FewShotTask> tasks, int steps, double lr,
                       int frozenLayers) {
        return curve(init, rates, loss, tasks, steps, lr, frozenLayers, false);
    }

    /**
     * As {@link #curve(Weights, Weights, Loss, List, int, double, int)}; with {@code prototypeHead} each task's output
     * layer first becomes its support set's prototype head (step 0 is then nearest-prototype classification in the
     * last hidden layer), which the steps adapt unless it is frozen too.
     */
    public Curve curve(Weights init, Weights rates, Loss loss, List<FewShotTask> tasks, int steps, double lr,
                       int frozenLayers, boolean prototypeHead) {
        checkHead(loss, prototypeHead);
        if (rates != null && !rates.spec().equals(init.spec())) {
            throw new IllegalArgumentException("rates of a " + rates.spec().describe() + " network given for a "
                    + init.spec().describe() + " network");
        }
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("no tasks to evaluate on");
        }
        check(init, tasks.get(0).support(), steps, lr);
        if (frozenLayers < 0 || frozenLayers >= init.spec().layers()) {
            throw new IllegalArgumentException("frozen layers must be in 0.." + (init.spec().layers() - 1) + ", got "
                    + frozenLayers);
        }
        BatchedMlp net = new BatchedMlp(init.spec(), loss);
        double[] meanLoss = new double[steps + 1];
        double[] meanAcc = new double[steps + 1];
        double[] finalLosses = null;
        double[] finalAcc = null;
        try (NDManager m = engine.newManager()) {
            TaskBatch b = TaskBatch.upload(m, net, tasks);
            NDList p = net.upload(m, init);
            if (prototypeHead) {
                p = net.withPrototypeHead(p, b.supportX(), b.supportY());
            }
            NDList r = rates == null ? null : net.upload(m, rates);
            for (int k = 0; k <= steps; k++) {
                NDList next = null;
                try (NDManager s = m.newSubManager()) {
                    s.tempAttachAll(p);
                    NDArray out = net.forward(p, b.queryX());
                    double[] losses = toDoubles(net.lossPerTask(p, b.queryX(), b.queryY()).toFloatArray());
                    double[] acc = loss.classification() ? toDoubles(net.accuracyPerTask(out, b.queryY()).toFloatArray())
                            : nans(tasks.size());
                    meanLoss[k] = mean(losses);
                    meanAcc[k] = mean(acc);
                    finalLosses = losses;
                    finalAcc = acc;
                    if (k < steps) {
                        NDList grads = net.pass(p, b.supportX(), b.supportY()).gradients();
                        next = new NDList(p.size());
                        for (int i = 0; i < p.size(); i++) {
                            boolean frozen = i / 2 < frozenLayers;
                            NDArray g = r == null ? grads.get(i) : grads.get(i).mul(r.get(i));
                            next.add(frozen ? p.get(i).duplicate() : p.get(i).sub(g.mul((float) lr)));
                        }
                        next.attach(m);
                    }
                }
                if (next != null) {
                    p.close();
                    p = next;
                }
            }
        }
        return new Curve(meanLoss, meanAcc, finalLosses, finalAcc);
    }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static double[] nans(int n) {
        double[] d = new double[n];
        java.util.Arrays.fill(d, Double.NaN);
        return d;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }
}
