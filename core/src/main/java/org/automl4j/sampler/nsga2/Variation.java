package org.automl4j.sampler.nsga2;

import java.util.SplittableRandom;

/**
 * The variation operators of NSGA-II on coordinates scaled to the unit interval: simulated binary
 * crossover and polynomial mutation, in the bounded forms of Deb's reference implementation (the
 * spread is shrunk near the bounds so children stay inside them). Stateless.
 */
final class Variation {

    /** Parents closer than this (in the unit interval) are not crossed. */
    static final double EPS = 1e-14;

    private Variation() {
    }

    /**
     * One child coordinate of simulated binary crossover (Deb and Agrawal 1995) of {@code a} and
     * {@code b} in [0, 1] with distribution index {@code eta}: of the two children SBX makes, one
     * chosen at random. Larger {@code eta} keeps children closer to the parents.
     */
    static double sbx(double a, double b, double eta, SplittableRandom rng) {
        double u = rng.nextDouble();
        boolean first = rng.nextBoolean();
        if (Math.abs(a - b) <= EPS) {
            return a;
        }
        double y1 = Math.min(a, b);
        double y2 = Math.max(a, b);
        double diff = y2 - y1;
        double c;
        if (first) {
            double beta = 1 + 2 * y1 / diff;
            c = 0.5 * (y1 + y2 - betaq(beta, eta, u) * diff);
        } else {
            double beta = 1 + 2 * (1 - y2) / diff;
            c = 0.5 * (y1 + y2 + betaq(beta, eta, u) * diff);
        }
        return clamp(c);
    }

    private static double betaq(double beta, double eta, double u) {
        double alpha = 2 - Math.pow(beta, -(eta + 1));
        if (u <= 1 / alpha) {
            return Math.pow(u * alpha, 1 / (eta + 1));
        }
        return Math.pow(1 / (2 - u * alpha), 1 / (eta + 1));
    }

    /**
     * Polynomial mutation (Deb and Goyal 1996) of {@code y} in [0, 1] with distribution index
     * {@code eta}: a perturbation whose spread shrinks as {@code eta} grows and near the bounds.
     */
    static double polynomialMutation(double y, double eta, SplittableRandom rng) {
        double u = rng.nextDouble();
        double pow = 1 / (eta + 1);
        double deltaq;
        if (u < 0.5) {
            double xy = 1 - y;
            double val = 2 * u + (1 - 2 * u) * Math.pow(xy, eta + 1);
            deltaq = Math.pow(val, pow) - 1;
        } else {
            double xy = y;
            double val = 2 * (1 - u) + 2 * (u - 0.5) * Math.pow(xy, eta + 1);
            deltaq = 1 - Math.pow(val, pow);
        }
        return clamp(y + deltaq);
    }

    static double clamp(double y) {
        return y < 0 ? 0 : (y > 1 ? 1 : y);
    }
}
