package org.automl4j.sampler.gp;

/**
 * A small limited-memory BFGS minimiser with box bounds (projected search directions, backtracking
 * Armijo line search on the projected path), used for the kernel hyperparameters and for the local
 * refinement of the acquisition function. Good enough for smooth objectives of up to a few dozen
 * variables; not a general-purpose optimiser. Stateless.
 */
final class Lbfgs {

    /** A smooth objective: returns f(x) and writes its gradient; may return a non-finite value where undefined. */
    @FunctionalInterface
    interface Objective {
        double valueAndGradient(double[] x, double[] gradient);
    }

    /** The point reached, its value and the number of objective evaluations spent. */
    record Result(double[] x, double value, int evaluations) {
    }

    private static final int MEMORY = 8;
    private static final double ARMIJO = 1e-4;
    private static final int MAX_BACKTRACKS = 25;

    private Lbfgs() {
    }

    /**
     * Minimises {@code f} from {@code x0} inside {@code [lower, upper]}.
     *
     * @param maxIterations most line searches
     * @param gradientTolerance stop when the projected gradient's largest component is below this
     * @param relativeTolerance stop when an iteration decreases f by less than this times max(1, |f|)
     * @param maxStep the longest first step of a line search (infinity norm)
     */
    static Result minimize(Objective f, double[] x0, double[] lower, double[] upper, int maxIterations,
            double gradientTolerance, double relativeTolerance, double maxStep) {
        int n = x0.length;
        double[] x = project(x0.clone(), lower, upper);
        double[] g = new double[n];
        double fx = f.valueAndGradient(x, g);
        int evaluations = 1;
        if (!Double.isFinite(fx)) {
            return new Result(x, fx, evaluations);
        }
        double[][] s = new double[MEMORY][];
        double[][] y = new double[MEMORY][];
        double[] rho = new double[MEMORY];
        int stored = 0;
        int head = 0;
        double[] d = new double[n];
        double[] q = new double[n];
        double[] alpha = new double[MEMORY];
        double[] xn = new double[n];
        double[] gn = new double[n];
        boolean[] free = new boolean[n];
        for (int iter = 0; iter < maxIterations; iter++) {
            double pg = 0;
            for (int i = 0; i < n; i++) {
                free[i] = !(x[i] <= lower[i] && g[i] > 0) && !(x[i] >= upper[i] && g[i] < 0);
                q[i] = free[i] ? g[i] : 0;
                pg = Math.max(pg, Math.abs(q[i]));
            }
            if (pg < gradientTolerance) {
                break;
            }
            // Two-loop recursion on the free variables.
            for (int k = 0; k < stored; k++) {
                int idx = Math.floorMod(head - 1 - k, MEMORY);
                alpha[idx] = rho[idx] * dotFree(s[idx], q, free);
                for (int i = 0; i < n; i++) {
                    if (free[i]) {
                        q[i] -= alpha[idx] * y[idx][i];
                    }
                }
            }
            double gamma = 1;
            if (stored > 0) {
                int last = Math.floorMod(head - 1, MEMORY);
                double yy = dotFree(y[last], y[last], free);
                double sy = dotFree(s[last], y[last], free);
                if (yy > 0 && sy > 0) {
                    gamma = sy / yy;
                }
            }
            for (int i = 0; i < n; i++) {
                q[i] *= gamma;
            }
            for (int k = stored - 1; k >= 0; k--) {
                int idx = Math.floorMod(head - 1 - k, MEMORY);
                double beta = rho[idx] * dotFree(y[idx], q, free);
                for (int i = 0; i < n; i++) {
                    if (free[i]) {
                        q[i] += (alpha[idx] - beta) * s[idx][i];
                    }
                }
            }
            double slope = 0;
            double dmax = 0;
            for (int i = 0; i < n; i++) {
                d[i] = free[i] ? -q[i] : 0;
                slope += d[i] * g[i];
                dmax = Math.max(dmax, Math.abs(d[i]));
            }
            if (!(slope < 0) || !Double.isFinite(slope)) {
                // Not a descent direction: restart from steepest descent.
                stored = 0;
                dmax = 0;
                for (int i = 0; i < n; i++) {
                    d[i] = free[i] ? -g[i] : 0;
                    dmax = Math.max(dmax, Math.abs(d[i]));
                }
            }
            double t = dmax > maxStep ? maxStep / dmax : 1.0;
            boolean accepted = false;
            double fn = Double.NaN;
            for (int ls = 0; ls < MAX_BACKTRACKS; ls++) {
                double decrease = 0;
                for (int i = 0; i < n; i++) {
                    xn[i] = Math.max(lower[i], Math.min(upper[i], x[i] + t * d[i]));
                    decrease += g[i] * (xn[i] - x[i]);
                }
                fn = f.valueAndGradient(xn, gn);
                evaluations++;
                if (Double.isFinite(fn) && fn <= fx + ARMIJO * decrease && decrease <= 0) {
                    accepted = true;
                    break;
                }
                t *= Double.isFinite(fn) ? 0.5 : 0.1;
            }
            if (!accepted) {
                if (stored == 0) {
                    break;
                }
                stored = 0;
                continue;
            }
            double[] sk = new double[n];
            double[] yk = new double[n];
            double sy = 0;
            double ss = 0;
            double yy = 0;
            for (int i = 0; i < n; i++) {
                sk[i] = xn[i] - x[i];
                yk[i] = gn[i] - g[i];
                sy += sk[i] * yk[i];
                ss += sk[i] * sk[i];
                yy += yk[i] * yk[i];
            }
            if (sy > 1e-10 * Math.sqrt(ss * yy)) {
                s[head] = sk;
                y[head] = yk;
                rho[head] = 1.0 / sy;
                head = (head + 1) % MEMORY;
                stored = Math.min(stored + 1, MEMORY);
            }
            double previous = fx;
            System.arraycopy(xn, 0, x, 0, n);
            System.arraycopy(gn, 0, g, 0, n);
            fx = fn;
            if (previous - fx <= relativeTolerance * Math.max(1.0, Math.abs(fx))) {
                break;
            }
        }
        return new Result(x, fx, evaluations);
    }

    private static double dotFree(double[] a, double[] b, boolean[] free) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            if (free[i]) {
                s += a[i] * b[i];
            }
        }
        return s;
    }

    static double[] project(double[] x, double[] lower, double[] upper) {
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(lower[i], Math.min(upper[i], x[i]));
        }
        return x;
    }
}
