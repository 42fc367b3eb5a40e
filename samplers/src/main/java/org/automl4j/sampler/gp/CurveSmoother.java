package org.automl4j.sampler.gp;

import java.util.Map;
import java.util.NavigableMap;

/**
 * Denoises a trial's final value with its learning curve: fits the power law
 * {@code y = c + a x^-alpha} (Domhan et al.'s {@code pow3}) to the intermediate values at steps
 * {@code x >= 1} by feasible generalised least squares (an unweighted fit, then weights from the
 * trend of its squared residuals over {@code log x}, so noise that shrinks or grows with the step is
 * weighted accordingly) and returns the fitted curve at the last step. The raw value is kept when the
 * curve is too short, when the final value is not the last intermediate value, or when the fit's
 * residuals over the last quarter of the curve are biased (a curve the power law does not describe,
 * e.g. one that rises again late). Stateless and deterministic.
 */
final class CurveSmoother {

    /** Reports needed at steps >= 1 before a curve is fitted. */
    static final int MIN_POINTS = 8;
    private static final int GRID = 48;
    private static final double ALPHA_LOW = 1e-3;
    private static final double ALPHA_HIGH = 5;

    private CurveSmoother() {
    }

    /** The fitted value at the curve's last step, or {@code reported} when the curve cannot be used. */
    static double finalValue(NavigableMap<Long, Double> curve, double reported) {
        if (curve.isEmpty() || !Double.isFinite(reported)) {
            return reported;
        }
        Map.Entry<Long, Double> last = curve.lastEntry();
        double lastValue = last.getValue();
        if (!(Math.abs(lastValue - reported) <= 1e-12 * Math.max(1, Math.abs(reported)))) {
            return reported;
        }
        NavigableMap<Long, Double> tail = curve.tailMap(1L, true);
        int n = 0;
        for (double v : tail.values()) {
            if (Double.isFinite(v)) {
                n++;
            }
        }
        if (n < MIN_POINTS) {
            return reported;
        }
        double[] x = new double[n];
        double[] y = new double[n];
        int i = 0;
        for (Map.Entry<Long, Double> e : tail.entrySet()) {
            if (Double.isFinite(e.getValue())) {
                x[i] = e.getKey();
                y[i] = e.getValue();
                i++;
            }
        }
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1);
        double[] fit = fit(x, y, w);
        // Weights from the residuals' trend: log r^2 = u + s log x, so variance ~ x^s and weight x^-s.
        double mx = 0;
        double mr = 0;
        double[] lr = new double[n];
        for (int k = 0; k < n; k++) {
            double r = y[k] - predict(fit, x[k]);
            lr[k] = Math.log(r * r + 1e-300);
            mx += Math.log(x[k]);
            mr += lr[k];
        }
        mx /= n;
        mr /= n;
        double sxx = 0;
        double sxr = 0;
        for (int k = 0; k < n; k++) {
            double dx = Math.log(x[k]) - mx;
            sxx += dx * dx;
            sxr += dx * (lr[k] - mr);
        }
        double slope = sxx > 0 ? Math.max(-2, Math.min(2, sxr / sxx)) : 0;
        for (int k = 0; k < n; k++) {
            w[k] = Math.pow(x[k], -slope);
        }
        fit = fit(x, y, w);
        // Bias check over the last quarter: the weighted mean residual against its standard error.
        int from = n - Math.max(2, n / 4);
        double sw = 0;
        double swr = 0;
        double swrr = 0;
        for (int k = from; k < n; k++) {
            double r = y[k] - predict(fit, x[k]);
            sw += w[k];
            swr += w[k] * r;
            swrr += w[k] * r * r;
        }
        double mean = swr / sw;
        double var = Math.max(swrr / sw - mean * mean, 0);
        int m = n - from;
        double se = Math.sqrt(var / Math.max(1, m - 1));
        double value = predict(fit, x[n - 1]);
        if (!Double.isFinite(value) || Math.abs(mean) > 3 * se + 1e-12 * Math.max(1, Math.abs(reported))) {
            return reported;
        }
        return value;
    }

    private static double predict(double[] fit, double x) {
        return fit[0] + fit[1] * Math.pow(x, -fit[2]);
    }

    /** {c, a, alpha} minimising the weighted squared error: a grid over log alpha, then golden-section search. */
    private static double[] fit(double[] x, double[] y, double[] w) {
        double llo = Math.log(ALPHA_LOW);
        double lhi = Math.log(ALPHA_HIGH);
        double step = (lhi - llo) / (GRID - 1);
        int best = 0;
        double bestRss = Double.POSITIVE_INFINITY;
        for (int g = 0; g < GRID; g++) {
            double rss = linear(x, y, w, Math.exp(llo + g * step))[2];
            if (rss < bestRss) {
                bestRss = rss;
                best = g;
            }
        }
        double a = Math.max(llo, llo + (best - 1) * step);
        double b = Math.min(lhi, llo + (best + 1) * step);
        double phi = (Math.sqrt(5) - 1) / 2;
        double c1 = b - phi * (b - a);
        double c2 = a + phi * (b - a);
        double f1 = linear(x, y, w, Math.exp(c1))[2];
        double f2 = linear(x, y, w, Math.exp(c2))[2];
        for (int it = 0; it < 40; it++) {
            if (f1 < f2) {
                b = c2;
                c2 = c1;
                f2 = f1;
                c1 = b - phi * (b - a);
                f1 = linear(x, y, w, Math.exp(c1))[2];
            } else {
                a = c1;
                c1 = c2;
                f1 = f2;
                c2 = a + phi * (b - a);
                f2 = linear(x, y, w, Math.exp(c2))[2];
            }
        }
        double alpha = Math.exp((a + b) / 2);
        double[] lin = linear(x, y, w, alpha);
        if (lin[2] > bestRss) {
            alpha = Math.exp(llo + best * step);
            lin = linear(x, y, w, alpha);
        }
        return new double[] {lin[0], lin[1], alpha};
    }

    /** Weighted least squares of y = c + a x^-alpha for a fixed alpha: {c, a, weighted RSS}. */
    private static double[] linear(double[] x, double[] y, double[] w, double alpha) {
        int n = x.length;
        double sw = 0;
        double sf = 0;
        double sy = 0;
        for (int i = 0; i < n; i++) {
            double f = Math.pow(x[i], -alpha);
            sw += w[i];
            sf += w[i] * f;
            sy += w[i] * y[i];
        }
        double mf = sf / sw;
        double my = sy / sw;
        double sff = 0;
        double sfy = 0;
        for (int i = 0; i < n; i++) {
            double df = Math.pow(x[i], -alpha) - mf;
            sff += w[i] * df * df;
            sfy += w[i] * df * (y[i] - my);
        }
        double a = sff > 0 ? sfy / sff : 0;
        double c = my - a * mf;
        double rss = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - c - a * Math.pow(x[i], -alpha);
            rss += w[i] * r * r;
        }
        return new double[] {c, a, rss};
    }
}
