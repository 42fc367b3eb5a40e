package org.automl4j.nas.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.automl4j.nas.space.Cell;
import org.automl4j.nas.space.CellSpace;
import org.automl4j.nas.space.Op;

/**
 * A reinforcement-learning controller (REINFORCE, Williams 1992, as in Zoph and Le's NAS): an
 * independent softmax policy per edge over the operations; after each evaluation the logits move along
 * {@code (reward - baseline) * grad log p(cell)}, with an exponential moving average of rewards as the
 * baseline to reduce variance.
 */
public final class ReinforceController implements CellStrategy {
    private final double learningRate;
    private final double baselineDecay;

    /** With a learning rate (e.g. 0.1 for rewards in [0, 1]) and a baseline decay (e.g. 0.9). */
    public ReinforceController(double learningRate, double baselineDecay) {
        if (!(learningRate > 0) || !(baselineDecay >= 0 && baselineDecay < 1)) {
            throw new IllegalArgumentException("need learningRate > 0 and 0 <= baselineDecay < 1, got " + learningRate
                    + " and " + baselineDecay);
        }
        this.learningRate = learningRate;
        this.baselineDecay = baselineDecay;
    }

    @Override
    public String name() {
        return "reinforce";
    }

    @Override
    public SearchHistory search(CellSpace space, CellEvaluator evaluator, int budget, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Op> ops = space.ops();
        int k = ops.size();
        double[][] logits = new double[6][k];
        double baseline = Double.NaN;
        List<SearchHistory.Evaluation> out = new ArrayList<>();
        try {
            for (int i = 0; i < budget; i++) {
                int[] choice = new int[6];
                double[][] p = new double[6][];
                List<Op> edges = new ArrayList<>(6);
                for (int e = 0; e < 6; e++) {
                    p[e] = softmax(logits[e]);
                    choice[e] = draw(p[e], rng);
                    edges.add(ops.get(choice[e]));
                }
                Cell c = new Cell(edges);
                double reward = evaluator.evaluate(c, seed + i);
                out.add(new SearchHistory.Evaluation(c, reward));
                baseline = Double.isNaN(baseline) ? reward : baselineDecay * baseline + (1 - baselineDecay) * reward;
                double advantage = reward - baseline;
                for (int e = 0; e < 6; e++) {
                    for (int o = 0; o < k; o++) {
                        double grad = (o == choice[e] ? 1 : 0) - p[e][o];
                        logits[e][o] += learningRate * advantage * grad;
                    }
                }
            }
        } catch (SearchStoppedException stop) {
            // return what was evaluated
        }
        return new SearchHistory(name(), out);
    }

    static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    private static int draw(double[] p, SplittableRandom rng) {
        double u = rng.nextDouble();
        double c = 0;
        for (int i = 0; i < p.length; i++) {
            c += p[i];
            if (u < c) {
                return i;
            }
        }
        return p.length - 1;
    }
}
