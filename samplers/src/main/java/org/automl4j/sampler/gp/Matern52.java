package org.automl4j.sampler.gp;

/**
 * The Matérn-5/2 kernel with one lengthscale per dimension (ARD), on model coordinates: numeric
 * dimensions in [0, 1], categorical dimensions as the choice index compared for equality, so a
 * categorical dimension adds {@code [a != b] / l^2} to the squared distance (a Hamming-distance factor)
 * instead of pretending the index is a number. Stateless.
 *
 * <p>With {@code r^2 = sum_j d_j^2 / l_j^2} and {@code s = sqrt(5) r}:
 * {@code k = sigma_f^2 (1 + s + s^2/3) exp(-s)} and {@code dk / d(r^2) = -sigma_f^2 (5/6) (1 + s) exp(-s)},
 * which is finite at {@code r = 0}.
 */
final class Matern52 {

    private static final double SQRT5 = Math.sqrt(5.0);

    private Matern52() {
    }

    /** Squared scaled distance between two points. */
    static double r2(double[] a, double[] b, double[] inverseSquaredLengthscales, boolean[] categorical) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            if (categorical[j]) {
                if (a[j] != b[j]) {
                    s += inverseSquaredLengthscales[j];
                }
            } else {
                double d = a[j] - b[j];
                s += d * d * inverseSquaredLengthscales[j];
            }
        }
        return s;
    }

    /** The kernel at squared scaled distance {@code r2}. */
    static double value(double r2, double signalVariance) {
        double s = SQRT5 * Math.sqrt(r2);
        return signalVariance * (1 + s + s * s / 3) * Math.exp(-s);
    }

    /** {@code dk / d(r^2)} at squared scaled distance {@code r2}. */
    static double derivative(double r2, double signalVariance) {
        double s = SQRT5 * Math.sqrt(r2);
        return -signalVariance * (5.0 / 6.0) * (1 + s) * Math.exp(-s);
    }
}
