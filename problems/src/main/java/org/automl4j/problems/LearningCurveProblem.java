package org.automl4j.problems;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.automl4j.trial.Trial;
import org.automl4j.trial.TrialPrunedException;

/**
 * Synthetic multi-fidelity learning curves {@code mf} (functions.md §4): a configuration
 * ({@code lr, momentum, width, dropout}) trains for epochs 1..81, reporting a noisy loss after
 * each; the noise stream depends only on the configuration and the noise seed. The noise-free
 * 81-epoch loss has its global minimum 0.05 at lr=0.01, momentum=0.9, width=256, dropout=0.3.
 */
public final class LearningCurveProblem implements BenchmarkProblem {

    /** The maximum budget in epochs (3^4). */
    public static final int MAX_BUDGET = 81;

    private static final double NOISE_SCALE = 0.03;

    private final long noiseSeed;

    /** The problem whose observed curves use {@code noiseSeed} (the benchmark harness uses the run seed). */
    public LearningCurveProblem(long noiseSeed) {
        if (noiseSeed < 0) {
            throw new IllegalArgumentException("noiseSeed must be >= 0, but got " + noiseSeed);
        }
        this.noiseSeed = noiseSeed;
    }

    /** The noise seed of the observed curves. */
    public long noiseSeed() {
        return noiseSeed;
    }

    @Override
    public String name() {
        return "mf";
    }

    /** 0.05: the minimum of the noise-free 81-epoch loss. */
    @Override
    public double optimum() {
        return 0.05;
    }

    @Override
    public int dimension() {
        return 4;
    }

    /** Suggests {@code lr, momentum, width, dropout} in that order and returns them in that order. */
    @Override
    public Map<String, Object> suggest(Trial trial) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("lr", trial.suggestFloat("lr", 1e-4, 1.0, true));
        p.put("momentum", trial.suggestFloat("momentum", 0.0, 0.99, false));
        p.put("width", trial.suggestInt("width", 16, 1024, true));
        p.put("dropout", trial.suggestFloat("dropout", 0.0, 0.9, false));
        return Collections.unmodifiableMap(p);
    }

    /** The observed (noisy) loss after the full budget of 81 epochs. */
    @Override
    public double value(Map<String, ?> params) {
        return observedCurve(params, noiseSeed)[MAX_BUDGET - 1];
    }

    /**
     * Trains epoch by epoch: reports the observed loss y(b) at step b = 1..81 and asks the pruner
     * after every epoch (the 81st included, as the Optuna harness does), throwing
     * {@link TrialPrunedException} when it says stop; a trial never pruned returns y(81).
     */
    @Override
    public double evaluate(Trial trial) {
        double[] y = observedCurve(suggest(trial), noiseSeed);
        for (int b = 1; b <= MAX_BUDGET; b++) {
            trial.report(b, y[b - 1]);
            if (trial.shouldPrune()) {
                throw new TrialPrunedException("pruned after epoch " + b);
            }
        }
        return y[MAX_BUDGET - 1];
    }

    /** The noise-free loss at the maximum budget (81 epochs), L81; global minimum 0.05. */
    public static double finalLoss(Map<String, ?> params) {
        double lr = Math.log10(Params.num(params, "lr")) + 2.0;
        double m = Params.num(params, "momentum") - 0.9;
        double w = Params.log2(Params.num(params, "width")) - 8.0;
        double d = Params.num(params, "dropout") - 0.3;
        return 0.05 + 0.06 * (lr * lr) + 0.3 * (m * m) + 0.02 * (w * w) + 0.2 * (d * d);
    }

    /** The noise-free loss L(b) for budgets b = 1..81 (index b-1). */
    public static double[] trueCurve(Map<String, ?> params) {
        double l81 = finalLoss(params);
        double alpha = (0.3 + 0.3 * (Math.log10(Params.num(params, "lr")) + 4.0))
                * (1.0 - 0.5 * Params.num(params, "dropout"));
        double gap = 0.3 + 0.4 * (Params.log2(Params.num(params, "width")) - 4.0) / 6.0;
        double tail = Math.pow(MAX_BUDGET, -alpha);
        double[] out = new double[MAX_BUDGET];
        for (int b = 1; b <= MAX_BUDGET; b++) {
            double g = (Math.pow(b, -alpha) - tail) / (1.0 - tail);
            out[b - 1] = l81 + gap * g;
        }
        return out;
    }

    /** The seed of the configuration's noise stream (mixing the noise seed and the four values' bits). */
    public static long noiseState(Map<String, ?> params, long noiseSeed) {
        long h = SplitMix64.mix64(noiseSeed + SplitMix64.GAMMA);
        for (String key : new String[] {"lr", "momentum", "width", "dropout"}) {
            double v = Params.num(params, key);
            h = SplitMix64.mix64((h ^ Double.doubleToRawLongBits(v)) + SplitMix64.GAMMA);
        }
        return h;
    }

    /** The observed (noisy) loss y(b) = L(b) + 0.03/sqrt(b) * eps_b for budgets b = 1..81 (index b-1). */
    public static double[] observedCurve(Map<String, ?> params, long noiseSeed) {
        SplitMix64 rng = new SplitMix64(noiseState(params, noiseSeed));
        double[] out = trueCurve(params);
        for (int b = 1; b <= MAX_BUDGET; b++) {
            double eps = rng.nextGaussian();
            out[b - 1] = out[b - 1] + NOISE_SCALE / Math.sqrt(b) * eps;
        }
        return out;
    }

    @Override
    public String toString() {
        return "mf(noiseSeed=" + noiseSeed + ")";
    }
}
