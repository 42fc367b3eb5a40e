package org.automl4j.sampler.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AcquisitionFunctionTest {

    private static GaussianProcess gp(long seed, double noise) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[15][];
        double[] y = new double[15];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {rng.nextDouble(), rng.nextDouble()};
            y[i] = Math.cos(4 * x[i][0]) + x[i][1];
        }
        return GaussianProcess.fit(x, y, new boolean[2], new GpHyper(new double[] {0.25, 0.4}, 1, noise));
    }

    private static AcquisitionFunction acq(GpSampler.Acquisition kind, GaussianProcess gp, double best,
            List<AcquisitionFunction.Constraint> constraints) {
        return new AcquisitionFunction(kind, 2.0, gp, best, constraints, 2);
    }

    @Test
    void logEiAgreesWithTheLogarithmOfEiWhereEiIsNotTiny() {
        GaussianProcess gp = gp(1, 1e-6);
        AcquisitionFunction logEi = acq(GpSampler.Acquisition.LOG_EI, gp, -0.2, List.of());
        AcquisitionFunction ei = acq(GpSampler.Acquisition.EI, gp, -0.2, List.of());
        SplittableRandom rng = new SplittableRandom(2);
        int compared = 0;
        for (int i = 0; i < 200; i++) {
            double[] p = {rng.nextDouble(), rng.nextDouble()};
            double e = ei.valueAndGradient(p, new double[2]);
            if (e > 1e-200) {
                assertEquals(Math.log(e), logEi.valueAndGradient(p, new double[2]), 1e-8);
                compared++;
            }
        }
        assertTrue(compared > 100, "compared " + compared);
    }

    @Test
    void logEiStaysFiniteAndOrdersPointsWhereEiUnderflowsToZero() {
        GaussianProcess gp = gp(1, 1e-6);
        // An incumbent far below anything the model expects: EI underflows everywhere.
        AcquisitionFunction logEi = acq(GpSampler.Acquisition.LOG_EI, gp, -500, List.of());
        AcquisitionFunction ei = acq(GpSampler.Acquisition.EI, gp, -500, List.of());
        double[][] pts = {{0.1, 0.1}, {0.5, 0.5}, {0.9, 0.9}, {0.05, 0.95}};
        double[] logs = new double[pts.length];
        double[] plain = new double[pts.length];
        logEi.values(pts, logs);
        ei.values(pts, plain);
        for (int i = 0; i < pts.length; i++) {
            assertEquals(0.0, plain[i], "EI underflows");
            assertTrue(Double.isFinite(logs[i]) && logs[i] < -1000, "log EI " + logs[i]);
        }
        assertTrue(logs[0] != logs[1] && logs[1] != logs[2], "log EI still tells points apart");
    }

    @Test
    void gradientsOfEveryAcquisitionMatchFiniteDifferences() {
        GaussianProcess gp = gp(4, 1e-4);
        GaussianProcess constraint = gp(5, 1e-4);
        List<AcquisitionFunction.Constraint> cons = List.of(new AcquisitionFunction.Constraint(constraint, 0.3));
        double[] p = {0.43, 0.57};
        double h = 1e-6;
        for (GpSampler.Acquisition kind : GpSampler.Acquisition.values()) {
            for (List<AcquisitionFunction.Constraint> c : List.of(List.<AcquisitionFunction.Constraint>of(), cons)) {
                for (double best : new double[] {0.1, Double.NaN}) {
                    AcquisitionFunction a = acq(kind, gp, best, c);
                    double[] g = new double[2];
                    a.valueAndGradient(p, g);
                    for (int j = 0; j < 2; j++) {
                        double[] up = p.clone();
                        double[] down = p.clone();
                        up[j] += h;
                        down[j] -= h;
                        double num = (a.valueAndGradient(up, new double[2]) - a.valueAndGradient(down, new double[2]))
                                / (2 * h);
                        assertEquals(num, g[j], 1e-5 * Math.max(1, Math.abs(num)),
                                kind + " constraints=" + c.size() + " best=" + best + " component " + j);
                    }
                }
            }
        }
    }

    @Test
    void batchedValuesEqualSingleValues() {
        GaussianProcess gp = gp(6, 1e-4);
        List<AcquisitionFunction.Constraint> cons = List.of(new AcquisitionFunction.Constraint(gp(7, 1e-4), 0.0));
        double[][] pts = {{0.2, 0.3}, {0.8, 0.1}, {0.5, 0.9}};
        for (GpSampler.Acquisition kind : GpSampler.Acquisition.values()) {
            AcquisitionFunction a = acq(kind, gp, 0.0, cons);
            double[] v = new double[3];
            a.values(pts, v);
            for (int i = 0; i < 3; i++) {
                assertEquals(a.valueAndGradient(pts[i], new double[2]), v[i], 1e-9 * Math.max(1, Math.abs(v[i])));
            }
        }
    }
}
