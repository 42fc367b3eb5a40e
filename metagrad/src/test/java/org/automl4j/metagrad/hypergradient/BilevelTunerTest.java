package org.automl4j.metagrad.hypergradient;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.automl4j.deep.DeepEngine;
import org.automl4j.metagrad.fewshot.Examples;
import org.automl4j.metagrad.nn.Activation;
import org.automl4j.metagrad.nn.Loss;
import org.automl4j.metagrad.nn.MlpSpec;
import org.automl4j.metagrad.nn.Weights;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BilevelTunerTest {
    private static final DeepEngine ENGINE = DeepEngine.start();

    private static Examples batch(SplittableRandom r, int n, int d) {
        float[][] x = new float[n][d];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                x[i][j] = (float) r.nextGaussian();
                s += (j + 1) * 0.5 * x[i][j];
            }
            y[i] = (float) (s + 0.3 * r.nextGaussian());
        }
        return new Examples(x, y);
    }

    /**
     * A linear model with squared error has a quadratic training loss, so the unrolled hypergradient has a closed
     * form: propagate z_k = d theta_k / d lambda and v_k = d theta_k / d alpha through the SGD steps
     * theta_{k+1} = theta_k - alpha (H_k theta_k - c_k + lambda M theta_k) in double precision and compare.
     */
    @Test
    void unrolledHypergradientOfALinearModelMatchesTheClosedForm() {
        int d = 3;
        SplittableRandom r = new SplittableRandom(4);
        List<Examples> train = new ArrayList<>(List.of(batch(r, 8, d), batch(r, 8, d), batch(r, 8, d)));
        Examples val = batch(r, 20, d);
        MlpSpec spec = new MlpSpec(d, List.of(), 1, Activation.RELU);
        Weights start = Weights.random(spec, 9);
        double alpha = 0.05;
        double lambda = 0.3;
        BilevelTuner.Hypergradient h = new BilevelTuner(ENGINE).hypergradient(start, Loss.MSE, train, val, alpha, lambda);

        // parameters as one vector p = (W_0..W_{d-1}, b); weight decay mask M = (1, .., 1, 0)
        int n = d + 1;
        double[] p = new double[n];
        float[] w0 = start.tensor(0);
        for (int j = 0; j < d; j++) {
            p[j] = w0[j];
        }
        p[d] = start.tensor(1)[0];
        double[] z = new double[n];
        double[] v = new double[n];
        for (Examples b : train) {
            double[][] hess = new double[n][n];
            double[] c = new double[n];
            int rows = b.size();
            for (int i = 0; i < rows; i++) {
                double[] xi = new double[n];
                for (int j = 0; j < d; j++) {
                    xi[j] = b.x()[i][j];
                }
                xi[d] = 1;
                for (int a = 0; a < n; a++) {
                    c[a] += 2.0 / rows * xi[a] * b.y()[i];
                    for (int e = 0; e < n; e++) {
                        hess[a][e] += 2.0 / rows * xi[a] * xi[e];
                    }
                }
            }
            double[] step = new double[n];
            double[] dz = new double[n];
            double[] dv = new double[n];
            for (int a = 0; a < n; a++) {
                double mask = a < d ? 1 : 0;
                double grad = -c[a];
                double hz = 0;
                double hv = 0;
                for (int e = 0; e < n; e++) {
                    grad += hess[a][e] * p[e];
                    hz += hess[a][e] * z[e];
                    hv += hess[a][e] * v[e];
                }
                step[a] = grad + lambda * mask * p[a];
                dz[a] = z[a] - alpha * (hz + lambda * mask * z[a] + mask * p[a]);
                dv[a] = v[a] - step[a] - alpha * (hv + lambda * mask * v[a]);
            }
            for (int a = 0; a < n; a++) {
                p[a] -= alpha * step[a];
            }
            z = dz;
            v = dv;
        }
        double[] gVal = new double[n];
        double loss = 0;
        for (int i = 0; i < val.size(); i++) {
            double pred = p[d];
            for (int j = 0; j < d; j++) {
                pred += p[j] * val.x()[i][j];
            }
            double res = pred - val.y()[i];
            loss += res * res / val.size();
            for (int j = 0; j < d; j++) {
                gVal[j] += 2 * res * val.x()[i][j] / val.size();
            }
            gVal[d] += 2 * res / val.size();
        }
        double dLambda = 0;
        double dAlpha = 0;
        for (int a = 0; a < n; a++) {
            dLambda += gVal[a] * z[a];
            dAlpha += gVal[a] * v[a];
        }
        assertEquals(loss, h.validationLoss(), 1e-4 * loss);
        assertEquals(lambda * dLambda, h.dLogWeightDecay(), 1e-3 * Math.abs(lambda * dLambda) + 1e-6);
        assertEquals(alpha * dAlpha, h.dLogLearningRate(), 1e-3 * Math.abs(alpha * dAlpha) + 1e-6);
        assertTrue(Math.abs(h.dLogWeightDecay()) > 1e-3, "a non-trivial hypergradient: " + h.dLogWeightDecay());
    }

    @Test
    void tunerLowersAnOverlyStrongWeightDecay() {
        SplittableRandom r = new SplittableRandom(1);
        org.automl4j.metagrad.fewshot.ImageSet digits = org.automl4j.metagrad.fewshot.ImageSet.digits();
        int[] idx = MlpTraining.permutation(r, digits.pixels().length);
        LabeledData all = new LabeledData(digits.pixels(), digits.labels(), 10);
        LabeledData train = all.rows(java.util.Arrays.copyOfRange(idx, 0, 400));
        LabeledData val = all.rows(java.util.Arrays.copyOfRange(idx, 400, 700));
        BilevelTuner.Options o = new BilevelTuner.Options(List.of(32), Activation.RELU, 4, 32, 0.2, 0.5, 0.1, 2, false, 100, 3);
        BilevelTuner.Result res = new BilevelTuner(ENGINE).fit(train, val, o);
        assertTrue(res.weightDecay() < 0.5 / 3, "weight decay " + 0.5 + " -> " + res.weightDecay());
        double[] vl = res.validationLoss();
        assertTrue(vl[vl.length - 1] < vl[0], "validation loss falls: " + vl[0] + " -> " + vl[vl.length - 1]);
        assertEquals(0.2, res.learningRate(), 1e-12, "the learning rate is not tuned unless asked");
        assertEquals(vl.length, res.weightDecayTrace().length);
    }
}
