package org.automl4j.pruner.curve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Least-squares fits of the parametric curve families. Each family has at most one nonlinear
 * parameter: it is searched on a log-spaced grid and refined by golden-section search, and the other
 * (linear) parameters are solved exactly for each candidate, so fits are deterministic and never
 * diverge. Stateless.
 */
final class CurveFamilies {

    /** One fitted family: its parameters, residual sum of squares and number of parameters. */
    record Fit(String name, Map<String, Double> params, double rss, int k, double predictedFinal) {
    }

    private CurveFamilies() {
    }

    /** The fits of every family to {@code (x, y)} (x >= 1), with the prediction at {@code xFinal}. */
    static List<Fit> fitAll(double[] x, double[] y, double xFinal, int gridPoints) {
        List<Fit> out = new ArrayList<>();
        // pow3: y = c - a x^-alpha, alpha in [1e-3, 5]
        out.add(nonlinear("pow3", "alpha", x, y, xFinal, 1e-3, 5, gridPoints, (xi, alpha) -> -Math.pow(xi, -alpha)));
        // exp3: y = c - a e^(-b x), b in [1e-4 / xmax..., 5]
        double xmax = x[x.length - 1];
        out.add(nonlinear("exp3", "b", x, y, xFinal, 1e-3 / xmax, 5, gridPoints, (xi, b) -> -Math.exp(-b * xi)));
        // loglinear: y = a + b log x  (reported as c = a, a = b for the shared solver; renamed below)
        Fit ll = linear(x, y, xFinal, Math::log);
        out.add(new Fit("loglinear", ordered("a", ll.params().get("c"), "b", ll.params().get("a")), ll.rss(), 2,
                ll.predictedFinal()));
        // ilog2: y = c - a / log(x + 1)
        Fit il = linear(x, y, xFinal, xi -> -1 / Math.log(xi + 1));
        out.add(new Fit("ilog2", il.params(), il.rss(), 2, il.predictedFinal()));
        return out;
    }

    interface Basis {
        double at(double x, double theta);
    }

    private static Map<String, Double> ordered(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Double) kv[i + 1]);
        }
        return m;
    }

    /** y = c + a f(x): least squares in (c, a). Returned params: c, a. */
    private static Fit linear(double[] x, double[] y, double xFinal, java.util.function.DoubleUnaryOperator f) {
        int n = x.length;
        double sf = 0;
        double sy = 0;
        for (int i = 0; i < n; i++) {
            sf += f.applyAsDouble(x[i]);
            sy += y[i];
        }
        double mf = sf / n;
        double my = sy / n;
        double sff = 0;
        double sfy = 0;
        for (int i = 0; i < n; i++) {
            double df = f.applyAsDouble(x[i]) - mf;
            sff += df * df;
            sfy += df * (y[i] - my);
        }
        double a = sff > 0 ? sfy / sff : 0;
        double c = my - a * mf;
        double rss = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - c - a * f.applyAsDouble(x[i]);
            rss += r * r;
        }
        return new Fit("linear", ordered("c", c, "a", a), rss, 2, c + a * f.applyAsDouble(xFinal));
    }

    private static Fit nonlinear(String name, String thetaName, double[] x, double[] y, double xFinal, double lo,
            double hi, int gridPoints, Basis basis) {
        double llo = Math.log(lo);
        double lhi = Math.log(hi);
        int best = 0;
        double bestRss = Double.POSITIVE_INFINITY;
        for (int g = 0; g < gridPoints; g++) {
            double t = Math.exp(llo + (lhi - llo) * g / (gridPoints - 1));
            double rss = linear(x, y, xFinal, xi -> basis.at(xi, t)).rss();
            if (rss < bestRss) {
                bestRss = rss;
                best = g;
            }
        }
        // Golden-section refinement on log(theta) between the best grid point's neighbours.
        double step = (lhi - llo) / (gridPoints - 1);
        double a = Math.max(llo, llo + (best - 1) * step);
        double b = Math.min(lhi, llo + (best + 1) * step);
        double phi = (Math.sqrt(5) - 1) / 2;
        double c1 = b - phi * (b - a);
        double c2 = a + phi * (b - a);
        double f1 = rssAt(x, y, xFinal, basis, Math.exp(c1));
        double f2 = rssAt(x, y, xFinal, basis, Math.exp(c2));
        for (int it = 0; it < 60; it++) {
            if (f1 < f2) {
                b = c2;
                c2 = c1;
                f2 = f1;
                c1 = b - phi * (b - a);
                f1 = rssAt(x, y, xFinal, basis, Math.exp(c1));
            } else {
                a = c1;
                c1 = c2;
                f1 = f2;
                c2 = a + phi * (b - a);
                f2 = rssAt(x, y, xFinal, basis, Math.exp(c2));
            }
        }
        double theta = Math.exp((a + b) / 2);
        double gridTheta = Math.exp(llo + best * step);
        if (rssAt(x, y, xFinal, basis, theta) > bestRss) {
            theta = gridTheta;
        }
        double t = theta;
        Fit lin = linear(x, y, xFinal, xi -> basis.at(xi, t));
        return new Fit(name, ordered("c", lin.params().get("c"), "a", lin.params().get("a"), thetaName, theta),
                lin.rss(), 3, lin.predictedFinal());
    }

    private static double rssAt(double[] x, double[] y, double xFinal, Basis basis, double theta) {
        return linear(x, y, xFinal, xi -> basis.at(xi, theta)).rss();
    }
}
