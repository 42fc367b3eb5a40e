package org.automl4j.sampler.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StdNormalTest {

    /** z, log h(z), log cdf(z), cdf(z)/h(z), from mpmath with 50 digits. */
    private static final double[][] REFERENCE = {
        {-1000.0, -500014.73445209116, -500007.82669481218, 1000.001999994},
        {-50.0, -1258.7441828684609, -1254.8313611394199, 50.039952133872655},
        {-40.0, -808.29856835661996, -804.60844201375379, 40.049906657648518},
        {-10.0, -55.553122036122356, -53.231285150512471, 10.194383033412553},
        {-5.0, -16.74430116266099, -15.064998393988726, 5.3618162412880885},
        {-3.0001, -7.8700392977567784, -6.6080545360230526, 3.5324255574346378},
        {-3.0, -7.8696860596030285, -6.6077262215103495, 3.5323375176251605},
        {-2.9999, -7.8693328302532365, -6.6073979162920546, 3.5322494782775357},
        {-1.0, -2.4851210257126413, -1.8410216450092635, 1.9042712333296918},
        {0.0, -0.91893853320467274, -0.69314718055994531, 1.2533141373155003},
        {1.5, 0.4248145567622593, -0.069143455612233983, 0.61020640367076151},
        {5.0, 1.6094379231264314, -2.8665161296376359e-7, 0.19999994053122005},
    };

    @Test
    void logHLogCdfAndTheirDerivativeMatchHighPrecisionValuesFromTheCentreToTheFarTail() {
        for (double[] r : REFERENCE) {
            double z = r[0];
            assertEquals(r[1], StdNormal.logH(z), 1e-11 * Math.max(1, Math.abs(r[1])), "log h at " + z);
            assertEquals(r[2], StdNormal.logCdf(z), 1e-11 * Math.max(1e-6, Math.abs(r[2])), "log cdf at " + z);
            assertEquals(r[3], StdNormal.dLogH(z), 1e-10 * r[3], "d log h at " + z);
        }
    }

    @Test
    void logHAgreesWithTheLogarithmOfTheDirectFormulaWhereItDoesNotUnderflow() {
        for (double z = -8; z <= 8; z += 0.25) {
            double direct = StdNormal.pdf(z) + z * StdNormal.cdf(z);
            assertEquals(Math.log(direct), StdNormal.logH(z), 1e-9, "z = " + z);
        }
    }

    @Test
    void logHStaysFiniteAndSmoothWhereHUnderflowsToZero() {
        double previous = Double.POSITIVE_INFINITY;
        for (double z = -30; z >= -1e4; z *= 1.5) {
            assertEquals(0.0, StdNormal.h(Math.min(z, -40)), "h underflows");
            double v = StdNormal.logH(z);
            assertTrue(Double.isFinite(v), "finite at " + z);
            assertTrue(v < previous, "decreasing at " + z);
            // Asymptotically log h(z) = log pdf(z) - 2 log|z| + O(1/z^2).
            assertEquals(StdNormal.logPdf(z) - 2 * Math.log(-z), v, 4.0 / (z * z));
            previous = v;
        }
    }

    @Test
    void cdfIsMonotoneAndSymmetricAcrossTheSeriesAndFractionBranches() {
        double previous = 0;
        for (double z = -12; z <= 12; z += 0.01) {
            double c = StdNormal.cdf(z);
            assertTrue(c >= previous, "monotone at " + z);
            assertEquals(1.0, c + StdNormal.cdf(-z), 1e-14, "symmetric at " + z);
            previous = c;
        }
    }
}
