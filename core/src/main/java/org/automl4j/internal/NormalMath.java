package org.automl4j.internal;

/**
 * Normal-distribution numerics for kernel density estimators: CDF differences in log space that
 * stay accurate in the tails, and truncated-normal sampling. Stateless.
 */
public final class NormalMath {

    private static final double SQRT2 = Math.sqrt(2.0);
    /** log(sqrt(2 pi)). */
    public static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    private NormalMath() {
    }

    /**
     * Complementary error function, relative error below 1.2e-7 everywhere (Chebyshev fit after
     * Press et al., Numerical Recipes, section 6.2).
     */
    public static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double ans = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? ans : 2.0 - ans;
    }

    /** log of the erfc expansion for x >= 0, without underflow for large x. */
    private static double logErfcPositive(double z) {
        double t = 1.0 / (1.0 + 0.5 * z);
        return Math.log(t) - z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277))))))));
    }

    /** Standard normal CDF. */
    public static double cdf(double x) {
        return 0.5 * erfc(-x / SQRT2);
    }

    /** log of the upper tail {@code 1 - cdf(x)} for x >= 0, accurate far into the tail. */
    private static double logUpperTail(double x) {
        return Math.log(0.5) + logErfcPositive(x / SQRT2);
    }

    /** {@code log(cdf(b) - cdf(a))} for {@code a < b}, accurate when both lie deep in one tail. */
    public static double logCdfDiff(double a, double b) {
        if (!(a < b)) {
            return Double.NEGATIVE_INFINITY;
        }
        if (a >= 0) {
            // Q(a) - Q(b), both upper tails.
            double la = logUpperTail(a);
            double lb = logUpperTail(b);
            return la + Math.log1p(-Math.exp(lb - la));
        }
        if (b <= 0) {
            return logCdfDiff(-b, -a);
        }
        double d = cdf(b) - cdf(a);
        return Math.log(d);
    }
}
