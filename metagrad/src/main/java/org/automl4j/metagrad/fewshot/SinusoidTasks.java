package org.automl4j.metagrad.fewshot;

import java.util.SplittableRandom;
import org.automl4j.metagrad.nn.Loss;

/**
 * The sinusoid regression family of Finn et al. (2017): a task is {@code y = A sin(x - phase)} with amplitude
 * {@code A ~ U[0.1, 5]}, phase {@code ~ U[0, pi]} and inputs {@code x ~ U[-5, 5]}; the support set holds
 * {@code shots} (K) points and the query set {@code queries} further points of the same curve.
 *
 * @param shots   support points per task (K; the paper uses 5 or 10)
 * @param queries query points per task
 */
public record SinusoidTasks(int shots, int queries) implements TaskDistribution {
    /** Smallest amplitude. */
    public static final double MIN_AMPLITUDE = 0.1;
    /** Largest amplitude. */
    public static final double MAX_AMPLITUDE = 5.0;
    /** Inputs are drawn from [-X_RANGE, X_RANGE]. */
    public static final double X_RANGE = 5.0;

    public SinusoidTasks {
        if (shots < 1 || queries < 1) {
            throw new IllegalArgumentException("a sinusoid task needs at least one support and one query point, but got K="
                    + shots + " and " + queries + " queries");
        }
    }

    @Override
    public int inputs() {
        return 1;
    }

    @Override
    public int outputs() {
        return 1;
    }

    @Override
    public Loss loss() {
        return Loss.MSE;
    }

    @Override
    public FewShotTask sample(SplittableRandom rng) {
        double amplitude = MIN_AMPLITUDE + rng.nextDouble() * (MAX_AMPLITUDE - MIN_AMPLITUDE);
        double phase = rng.nextDouble() * Math.PI;
        return new FewShotTask(points(rng, amplitude, phase, shots), points(rng, amplitude, phase, queries));
    }

    /** {@code n} points of the curve {@code amplitude * sin(x - phase)} at uniform random inputs. */
    public static Examples points(SplittableRandom rng, double amplitude, double phase, int n) {
        float[][] x = new float[n][1];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double xi = (rng.nextDouble() * 2 - 1) * X_RANGE;
            x[i][0] = (float) xi;
            y[i] = (float) (amplitude * Math.sin(xi - phase));
        }
        return new Examples(x, y);
    }

    @Override
    public String describe() {
        return "sinusoid K=" + shots + " queries=" + queries;
    }
}
