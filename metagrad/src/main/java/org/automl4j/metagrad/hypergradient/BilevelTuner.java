package org.automl4j.metagrad.hypergradient;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.automl4j.deep.DeepEngine;
import org.automl4j.metagrad.fewshot.Examples;
import org.automl4j.metagrad.nn.Activation;
import org.automl4j.metagrad.nn.BatchedMlp;
import org.automl4j.metagrad.nn.Loss;
import org.automl4j.metagrad.nn.MlpSpec;
import org.automl4j.metagrad.nn.Tensors;
import org.automl4j.metagrad.nn.Weights;

/**
 * Bilevel tuning of continuous training hyperparameters by gradients of the validation loss (Luketina,
 * Berglund, Greff and Raiko 2016; the truncated form of Franceschi et al. 2017): training alternates
 * {@code unroll} SGD steps on training batches,
 * <pre>{@code theta_{k+1} = theta_k - alpha (grad L_train(theta_k) + lambda * theta_k)}</pre>
 * (L2 weight decay {@code lambda} on the weight matrices, not the biases) with one step on the
 * hyperparameters along {@code d L_val(theta_K) / d log(lambda)} and, optionally, {@code d / d log(alpha)}.
 * The hypergradient is exact through the unrolled steps, Hessian terms included: the training gradients are
 * differentiable operations ({@link BatchedMlp#pass}), so one reverse-mode pass from the validation loss gives
 * it. With {@code unroll = 1} and no Hessian term this is Luketina et al.'s approximation
 * {@code -alpha grad L_val(theta_1) . theta_0}. Hyperparameters move by Adam on their logarithms.
 *
 * <p>Deterministic for a seed. Uses a DJL {@code GradientCollector} per hyper-step (one per process at a time).
 */
public final class BilevelTuner {
    private final DeepEngine engine;

    public BilevelTuner(DeepEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * Settings.
     *
     * @param hidden             hidden widths of the MLP
     * @param activation         hidden activation
     * @param epochs             passes over the training rows
     * @param batchSize          training rows per step
     * @param learningRate       the (initial) SGD learning rate alpha
     * @param initialWeightDecay the initial L2 coefficient lambda (> 0)
     * @param hyperLr            Adam step on log(lambda) and log(alpha) per hyper-step (0: nothing is tuned)
     * @param unroll             training steps differentiated through per hyper-step (K >= 1)
     * @param tuneLearningRate   whether alpha is tuned too
     * @param validationBatch    validation rows per hyper-step (0: all)
     * @param seed               initial weights and batch order
     */
    public record Options(List<Integer> hidden, Activation activation, int epochs, int batchSize, double learningRate,
                          double initialWeightDecay, double hyperLr, int unroll, boolean tuneLearningRate,
                          int validationBatch, long seed) {
        public Options {
            hidden = List.copyOf(hidden);
            Objects.requireNonNull(activation, "activation");
            if (epochs < 1 || batchSize < 1 || unroll < 1 || validationBatch < 0) {
                throw new IllegalArgumentException("need epochs, batch size and unroll >= 1 and validation batch >= 0, got "
                        + epochs + ", " + batchSize + ", " + unroll + ", " + validationBatch);
            }
            if (!(learningRate > 0) || !(initialWeightDecay > 0) || !(hyperLr >= 0) || Double.isInfinite(learningRate)
                    || Double.isInfinite(initialWeightDecay) || Double.isInfinite(hyperLr)) {
                throw new IllegalArgumentException("need finite numbers: learning rate > 0, weight decay > 0 and hyper step"
                        + " >= 0, got "
                        + learningRate + ", " + initialWeightDecay + ", " + hyperLr);
            }
        }
    }

    /**
     * One hypergradient.
     *
     * @param validationLoss      {@code L_val(theta_K)}
     * @param dLogWeightDecay     {@code d L_val / d log(lambda)}
     * @param dLogLearningRate    {@code d L_val / d log(alpha)}
     * @param end                 {@code theta_K}
     */
    public record Hypergradient(double validationLoss, double dLogWeightDecay, double dLogLearningRate, Weights end) {
    }

    /**
     * What a tuning run produced.
     *
     * @param weights            the trained network
     * @param weightDecay        the final lambda
     * @param learningRate       the final alpha
     * @param weightDecayTrace   lambda after each hyper-step
     * @param learningRateTrace  alpha after each hyper-step
     * @param validationLoss     validation loss at each hyper-step
     */
    public record Result(Weights weights, double weightDecay, double learningRate, double[] weightDecayTrace,
                         double[] learningRateTrace, double[] validationLoss) {
    }

    /**
     * The hypergradient of the validation loss after SGD steps from {@code start} on {@code trainBatches} (one
     * step per batch) with learning rate {@code lr} and weight decay {@code weightDecay}.
     */
    public Hypergradient hypergradient(Weights start, Loss loss, List<Examples> trainBatches, Examples validation,
                                       double lr, double weightDecay) {
        BatchedMlp net = new BatchedMlp(start.spec(), loss);
        try (NDManager m = engine.newManager()) {
            NDArray logWd = Tensors.create(m, new float[] {(float) Math.log(weightDecay)}, new Shape());
            NDArray logLr = Tensors.create(m, new float[] {(float) Math.log(lr)}, new Shape());
            logWd.setRequiresGradient(true);
            logLr.setRequiresGradient(true);
            NDList p = net.upload(m, start);
            float value;
            try (GradientCollector gc = engine.engine().newGradientCollector()) {
                NDArray wd = logWd.exp();
                NDArray alpha = logLr.exp();
                for (Examples b : trainBatches) {
                    NDArray x = net.inputs(m, new float[][][] {b.x()});
                    NDArray y = net.targets(m, new float[][] {b.y()});
                    NDList g = net.pass(p, x, y).gradients();
                    NDList next = new NDList(p.size());
                    for (int i = 0; i < p.size(); i++) {
                        NDArray dir = i % 2 == 0 ? g.get(i).add(p.get(i).mul(wd)) : g.get(i);
                        next.add(p.get(i).sub(dir.mul(alpha)));
                    }
                    p = next;
                }
                NDArray vx = net.inputs(m, new float[][][] {validation.x()});
                NDArray vy = net.targets(m, new float[][] {validation.y()});
                NDArray valLoss = net.lossPerTask(p, vx, vy).mean();
                value = valLoss.getFloat();
                gc.backward(valLoss);
            }
            Weights end;
            try {
                end = net.download(p, 0);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("training diverged (" + e.getMessage() + "); lower the learning rate " + lr, e);
            }
            return new Hypergradient(value, logWd.getGradient().getFloat(), logLr.getGradient().getFloat(), end);
        }
    }

    /** Trains on {@code train}, tuning weight decay (and the learning rate) on {@code validation}. */
    public Result fit(LabeledData train, LabeledData validation, Options o) {
        MlpSpec spec = new MlpSpec(train.features(), o.hidden(), train.classes(), o.activation());
        SplittableRandom rng = new SplittableRandom(o.seed());
        Weights w = Weights.random(spec, rng.nextLong());
        double logWd = Math.log(o.initialWeightDecay());
        double logLr = Math.log(o.learningRate());
        ScalarAdam wdAdam = new ScalarAdam(o.hyperLr());
        ScalarAdam lrAdam = new ScalarAdam(o.hyperLr());
        List<Double> wdTrace = new ArrayList<>();
        List<Double> lrTrace = new ArrayList<>();
        List<Double> valTrace = new ArrayList<>();
        int n = train.size();
        for (int e = 0; e < o.epochs(); e++) {
            int[] order = MlpTraining.permutation(rng, n);
            List<Examples> pending = new ArrayList<>();
            for (int start = 0; start + o.batchSize() <= n; start += o.batchSize()) {
                pending.add(examples(train.rows(java.util.Arrays.copyOfRange(order, start, start + o.batchSize()))));
                if (pending.size() == o.unroll()) {
                    Examples val = validationBatch(validation, o.validationBatch(), rng);
                    Hypergradient h = hypergradient(w, Loss.SOFTMAX_CROSS_ENTROPY, pending, val, Math.exp(logLr),
                            Math.exp(logWd));
                    w = h.end();
                    logWd = wdAdam.step(logWd, h.dLogWeightDecay());
                    if (o.tuneLearningRate()) {
                        logLr = lrAdam.step(logLr, h.dLogLearningRate());
                    }
                    wdTrace.add(Math.exp(logWd));
                    lrTrace.add(Math.exp(logLr));
                    valTrace.add(h.validationLoss());
                    pending.clear();
                }
            }
        }
        return new Result(w, Math.exp(logWd), Math.exp(logLr), toArray(wdTrace), toArray(lrTrace), toArray(valTrace));
    }

    private static Examples validationBatch(LabeledData v, int size, SplittableRandom rng) {
        if (size == 0 || size >= v.size()) {
            return examples(v);
        }
        int[] idx = java.util.Arrays.copyOf(MlpTraining.permutation(rng, v.size()), size);
        return examples(v.rows(idx));
    }

    static Examples examples(LabeledData d) {
        float[] y = new float[d.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = d.y()[i];
        }
        return new Examples(d.x(), y);
    }

    private static double[] toArray(List<Double> l) {
        return l.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Adam on one scalar (bias-corrected, beta1 0.9, beta2 0.999). */
    private static final class ScalarAdam {
        private final double lr;
        private double m;
        private double v;
        private int t;

        ScalarAdam(double lr) {
            this.lr = lr;
        }

        double step(double x, double g) {
            if (lr == 0 || !Double.isFinite(g)) {
                return x;
            }
            t++;
            m = 0.9 * m + 0.1 * g;
            v = 0.999 * v + 0.001 * g * g;
            double mh = m / (1 - Math.pow(0.9, t));
            double vh = v / (1 - Math.pow(0.999, t));
            return x - lr * mh / (Math.sqrt(vh) + 1e-12);
        }
    }
}
