package org.automl4j.sampler.smac;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.automl4j.internal.NormalMath;
import org.automl4j.surrogate.RegressionForest;

/**
 * Maximises expected improvement over the surrogate as SMAC does: a batch of random configurations,
 * then steepest-ascent local search in the one-exchange neighbourhood (a Gaussian step in one
 * active numeric parameter, snapped to the grid of ints and steps, or another choice of one active
 * categorical, whose activity consequences come from the {@link ActivityModel}) from the given
 * starts and the best random configurations. Configurations already evaluated are never returned.
 * Some columns may be fixed ({@link #fix}): then only configurations with those values are tried.
 * One instance per decision; not thread-safe.
 */
final class AcquisitionSearch {

    /** A configuration: a value for every column, which columns are active, and its encoded row. */
    static final class Config {
        final double[] u;
        final boolean[] active;
        final double[] row;
        double acq;

        Config(double[] u, boolean[] active, Column[] cols) {
            this.u = u;
            this.active = active;
            this.row = new double[u.length];
            for (int j = 0; j < u.length; j++) {
                row[j] = active[j] ? u[j] : cols[j].inactive();
            }
        }
    }

    /** A row as a hash key. */
    private record Key(double[] row) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(row, k.row);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(row);
        }
    }

    private final Column[] cols;
    private final ActivityModel activity;
    private final RegressionForest forest;
    private double eta;
    private final boolean logSpace;
    private final SmacSampler.Options options;
    private final SplittableRandom rng;
    private final Set<Key> evaluated = new HashSet<>();
    private final int d;
    private Config best;
    /** Per column, a value every configuration must keep (NaN: free); null when nothing is fixed. */
    private double[] fixed;

    /**
     * @param eta      the best observed target (in the model's space)
     * @param logSpace whether the model predicts log costs (then EI is computed on the costs, after Hutter et al. 2009)
     * @param observed encoded rows of the evaluated configurations
     */
    AcquisitionSearch(Column[] cols, ActivityModel activity, RegressionForest forest, double eta, boolean logSpace,
            SmacSampler.Options options, SplittableRandom rng, double[][] observed) {
        this.cols = cols;
        this.activity = activity;
        this.forest = forest;
        this.eta = eta;
        this.logSpace = logSpace;
        this.options = options;
        this.rng = rng;
        this.d = cols.length;
        for (double[] row : observed) {
            evaluated.add(new Key(row));
        }
    }

    /** Expected improvement over {@code eta} of a prediction with mean {@code m} and variance {@code v}. */
    static double expectedImprovement(double eta, double m, double v, boolean logSpace) {
        double s = Math.sqrt(v);
        if (!(s > 1e-12)) {
            return logSpace ? Math.max(0, Math.exp(eta) - Math.exp(m)) : Math.max(0, eta - m);
        }
        double z = (eta - m) / s;
        double ei;
        if (logSpace) {
            // costs are lognormal: E[max(exp(eta) - exp(Y), 0)] for Y ~ N(m, s^2)
            ei = Math.exp(eta) * NormalMath.cdf(z) - Math.exp(m + 0.5 * v) * NormalMath.cdf(z - s);
        } else {
            ei = (eta - m) * NormalMath.cdf(z) + s * Math.exp(-0.5 * z * z - NormalMath.LOG_SQRT_2PI);
        }
        return Math.max(0, ei);
    }

    /** A uniformly random configuration (grid values snapped), its activity from the rules alone. */
    Config random() {
        double[] u = new double[d];
        for (int j = 0; j < d; j++) {
            Column c = cols[j];
            u[j] = c.isCategorical() ? rng.nextInt(c.k) : c.snap(rng.nextDouble());
            if (fixed != null && !Double.isNaN(fixed[j])) {
                u[j] = fixed[j];
            }
        }
        boolean[] act = new boolean[d];
        activity.activity(u, null, act);
        return new Config(u, act, cols);
    }

    /**
     * The configuration with the largest expected improvement that was not evaluated yet, or null if
     * every configuration tried was.
     *
     * @param starts configurations to start local search from (the best observed ones)
     */
    Config maximise(List<Config> starts) {
        int nRandom = options.nRandomCandidates();
        List<Config> randoms = new ArrayList<>(nRandom);
        for (int i = 0; i < nRandom; i++) {
            randoms.add(random());
        }
        score(randoms);
        List<Config> from = new ArrayList<>(starts);
        score(from);
        if (options.nRandomStarts() > 0 && !randoms.isEmpty()) {
            List<Config> sorted = new ArrayList<>(randoms);
            sorted.sort((a, b) -> Double.compare(b.acq, a.acq));
            from.addAll(sorted.subList(0, Math.min(options.nRandomStarts(), sorted.size())));
        }
        for (Config s : from) {
            localSearch(s);
        }
        return best;
    }

    /** Restricts the search to configurations with these values (NaN: free), improving on {@code branchEta}. */
    void fix(double[] values, double branchEta) {
        this.fixed = values;
        this.eta = branchEta;
    }

    private void consider(Config c) {
        if ((best == null || c.acq > best.acq) && !evaluated.contains(new Key(c.row))) {
            best = c;
        }
    }

    private void score(List<Config> configs) {
        if (configs.isEmpty()) {
            return;
        }
        double[][] rows = new double[configs.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = configs.get(i).row;
        }
        double[] mean = new double[rows.length];
        double[] var = new double[rows.length];
        forest.predict(rows, mean, var);
        for (int i = 0; i < rows.length; i++) {
            Config c = configs.get(i);
            c.acq = expectedImprovement(eta, mean[i], var[i], logSpace);
            consider(c);
        }
    }

    private void localSearch(Config start) {
        Config cur = start;
        for (int step = 0; step < options.localSearchMaxSteps(); step++) {
            List<Config> nbrs = neighbours(cur);
            if (nbrs.isEmpty()) {
                return;
            }
            score(nbrs);
            Config top = null;
            for (Config n : nbrs) {
                if (top == null || n.acq > top.acq) {
                    top = n;
                }
            }
            if (!(top.acq > cur.acq)) {
                return;
            }
            cur = top;
        }
    }

    /** The one-exchange neighbourhood of {@code c}: each active parameter changed alone. */
    List<Config> neighbours(Config c) {
        List<Config> out = new ArrayList<>();
        double sd = options.neighbourStdDev();
        for (int j = 0; j < d; j++) {
            if (!c.active[j] || cols[j].distribution.isSingle() || fixed != null && !Double.isNaN(fixed[j])) {
                continue;
            }
            Column col = cols[j];
            if (col.isCategorical()) {
                for (int v = 0; v < col.k; v++) {
                    if (v != (int) c.u[j]) {
                        double[] u = c.u.clone();
                        u[j] = v;
                        boolean[] act = new boolean[d];
                        activity.activity(u, c.active, act);
                        out.add(new Config(u, act, cols));
                    }
                }
                continue;
            }
            for (int t = 0; t < options.nNumericNeighbours(); t++) {
                double step = sd * rng.nextGaussian();
                double x = c.u[j] + step;
                for (int tries = 0; tries < 10 && (x < 0 || x > 1); tries++) {
                    step = sd * rng.nextGaussian();
                    x = c.u[j] + step;
                }
                x = col.snap(Math.max(0, Math.min(1, x)));
                if (col.discrete && x == c.u[j]) {
                    x = col.adjacent(c.u[j], step >= 0 ? 1 : -1);
                }
                if (x == c.u[j]) {
                    continue;
                }
                double[] u = c.u.clone();
                u[j] = x;
                out.add(new Config(u, c.active, cols));
            }
        }
        return out;
    }
}
