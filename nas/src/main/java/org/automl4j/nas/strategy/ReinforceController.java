package org.automl4j.nas.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.automl4j.nas.space.Cell;
import org.automl4j.nas.space.CellSpace;

/**
 * A reinforcement-learning controller (REINFORCE, Williams 1992, as in Zoph and Le's NAS): an
 * independent softmax policy per edge over the operations; after each evaluation the logits move along
 * {@code (reward - baseline) * grad log p(cell)}, with an exponential moving average of rewards as the
 * baseline to reduce variance (the {@link ReinforcePolicy}).
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
        ReinforcePolicy policy = new ReinforcePolicy(space, learningRate, baselineDecay);
        List<SearchHistory.Evaluation> out = new ArrayList<>();
        try {
            for (int i = 0; i < budget; i++) {
                Cell c = policy.sample(rng);
                double reward = evaluator.evaluate(c, seed + i);
                out.add(new SearchHistory.Evaluation(c, reward));
                policy.update(c, reward);
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
}
