package org.automl4j.sampler.gp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.automl4j.internal.SobolSequence;

/**
 * Maximises an {@link AcquisitionFunction} over the encoded space: scrambled-Sobol candidates plus
 * perturbations of the best observed points are scored in one batch; the best of them and the
 * incumbent start a local search that alternates L-BFGS on the continuous coordinates (analytic
 * gradients, the others fixed) with exhaustive or exponential-step searches over each discrete
 * coordinate (every category, every grid point of small grids, +-1, 2, 4, ... steps on large ones).
 * Every point it scores is a valid point of the space. An optional box (a trust region) limits the
 * numeric coordinates: candidates, perturbations and the local search stay inside it (discrete ones up
 * to the grid point nearest its edge). Not thread-safe; one per decision.
 */
final class AcquisitionOptimizer {

    private static final int MAX_ROUNDS = 4;
    private static final int LBFGS_ITERATIONS = 40;
    private static final double[] LOCAL_SCALES = {0.01, 0.05, 0.2};

    private final Encoding encoding;
    private final AcquisitionFunction acquisition;
    private final SplittableRandom rng;
    private final int dims;
    private final boolean[] continuous;
    private final boolean anyContinuous;
    private final boolean anyDiscrete;
    private final double[] lower;
    private final double[] upper;
    private int evaluations;

    AcquisitionOptimizer(Encoding encoding, AcquisitionFunction acquisition, SplittableRandom rng) {
        this(encoding, acquisition, rng, null, null);
    }

    /**
     * An optimiser limited to the box {@code [lower, upper]} of model coordinates (numeric dimensions only;
     * categorical entries are ignored), or to the whole space when both are null.
     */
    AcquisitionOptimizer(Encoding encoding, AcquisitionFunction acquisition, SplittableRandom rng, double[] lower,
            double[] upper) {
        this.lower = lower != null ? lower.clone() : null;
        this.upper = upper != null ? upper.clone() : null;
        this.encoding = encoding;
        this.acquisition = acquisition;
        this.rng = rng;
        this.dims = encoding.dims();
        this.continuous = new boolean[dims];
        boolean any = false;
        for (int j = 0; j < dims; j++) {
            continuous[j] = !encoding.isDiscrete(j);
            any |= continuous[j];
        }
        this.anyContinuous = any;
        boolean discrete = false;
        for (int j = 0; j < dims; j++) {
            discrete |= encoding.isDiscrete(j);
        }
        this.anyDiscrete = discrete;
    }

    /** Number of acquisition evaluations so far (batched points count one each). */
    int evaluations() {
        return evaluations;
    }

    /**
     * The best point found.
     *
     * @param incumbents  the best observed points, best first (model coordinates); may be empty
     * @param nCandidates points scored before the local search
     * @param nLocalSearch local searches (from the incumbent and the best candidates)
     * @param excluded    points not to return (pending ones; observed ones for a deterministic objective),
     *                    unless nothing else was found
     */
    double[] maximize(List<double[]> incumbents, int nCandidates, int nLocalSearch, Set<List<Double>> excluded) {
        int nLocal = incumbents.isEmpty() ? 0 : nCandidates / 4;
        int nGlobal = Math.max(1, nCandidates - nLocal);
        double[][] cands = new double[nGlobal + nLocal][];
        SobolSequence sobol = new SobolSequence(dims, rng.nextLong(), true);
        long offset = rng.nextInt(1 << 20);
        for (int c = 0; c < nGlobal; c++) {
            double[] p = new double[dims];
            for (int j = 0; j < dims; j++) {
                p[j] = fromBox(j, sobol.value(offset + c, j));
            }
            cands[c] = p;
        }
        for (int c = 0; c < nLocal; c++) {
            double[] base = incumbents.get(c % incumbents.size());
            double[] p = clampToBox(base.clone());
            if (c % 2 == 0 || dims == 1) {
                // A Gaussian step in every numeric coordinate; categoricals switch now and then.
                double scale = LOCAL_SCALES[(c / 2) % LOCAL_SCALES.length];
                for (int j = 0; j < dims; j++) {
                    if (encoding.isCategorical(j)) {
                        if (rng.nextDouble() < 1.0 / dims) {
                            p[j] = rng.nextInt((int) encoding.size(j));
                        }
                    } else {
                        p[j] = inBox(j, p[j] + scale * width(j) * gaussian());
                    }
                }
            } else {
                // One to three coordinates drawn anew over their whole range, the others kept.
                int k = 1 + rng.nextInt(Math.min(3, dims));
                for (int i = 0; i < k; i++) {
                    int j = rng.nextInt(dims);
                    p[j] = fromBox(j, rng.nextDouble());
                }
            }
            cands[nGlobal + c] = p;
        }
        double[] values = new double[cands.length];
        acquisition.values(cands, values);
        evaluations += cands.length;

        Integer[] order = new Integer[cands.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
        List<double[]> starts = new ArrayList<>();
        Set<List<Double>> seen = new HashSet<>();
        if (!incumbents.isEmpty() && nLocalSearch > 0) {
            double[] first = clampToBox(incumbents.get(0).clone());
            starts.add(first);
            seen.add(key(first));
        }
        for (int i = 0; i < order.length && starts.size() < nLocalSearch; i++) {
            if (seen.add(key(cands[order[i]]))) {
                starts.add(cands[order[i]].clone());
            }
        }
        double[] best = null;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < order.length && best == null; i++) {
            if (!excluded.contains(key(cands[order[i]]))) {
                best = cands[order[i]].clone();
                bestValue = values[order[i]];
            }
        }
        for (double[] start : starts) {
            double[] x = start;
            double v = localSearch(x);
            if ((best == null || v > bestValue) && !excluded.contains(key(x))) {
                bestValue = v;
                best = x;
            }
        }
        return best != null ? best : cands[order[0]].clone();
    }

    /** A point as a hashable key (exact coordinates). */
    static List<Double> key(double[] p) {
        List<Double> k = new ArrayList<>(p.length);
        for (double v : p) {
            k.add(v);
        }
        return k;
    }

    /** The box's width in numeric dimension j (1 without a box). */
    private double width(int j) {
        return lower == null ? 1 : upper[j] - lower[j];
    }

    /** The valid coordinate for a point u of the unit interval mapped onto the box's side in dimension j. */
    private double fromBox(int j, double u) {
        if (lower == null || encoding.isCategorical(j)) {
            return encoding.fromUnit(j, u);
        }
        return encoding.snap(j, lower[j] + u * (upper[j] - lower[j]));
    }

    /** The valid coordinate nearest to v clamped to the box in dimension j. */
    private double inBox(int j, double v) {
        if (lower == null || encoding.isCategorical(j)) {
            return encoding.snap(j, v);
        }
        return encoding.snap(j, Math.max(lower[j], Math.min(upper[j], v)));
    }

    /** {@code p} with every numeric coordinate moved into the box (in place). */
    private double[] clampToBox(double[] p) {
        if (lower != null) {
            for (int j = 0; j < dims; j++) {
                if (!encoding.isCategorical(j)) {
                    p[j] = inBox(j, p[j]);
                }
            }
        }
        return p;
    }

    private double gaussian() {
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** Improves {@code x} in place; returns its final value. */
    private double localSearch(double[] x) {
        double[] grad = new double[dims];
        double value = acquisition.valueAndGradient(x, grad);
        evaluations++;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            boolean improved = false;
            if (anyContinuous) {
                double[] lo = new double[dims];
                double[] hi = new double[dims];
                for (int j = 0; j < dims; j++) {
                    lo[j] = continuous[j] ? (lower != null ? lower[j] : 0) : x[j];
                    hi[j] = continuous[j] ? (upper != null ? upper[j] : 1) : x[j];
                }
                Lbfgs.Result r = Lbfgs.minimize((p, g) -> {
                    double v = acquisition.valueAndGradient(p, g);
                    for (int j = 0; j < dims; j++) {
                        g[j] = continuous[j] ? -g[j] : 0;
                    }
                    return -v;
                }, x, lo, hi, LBFGS_ITERATIONS, 0, 1e-9, 0.25);
                evaluations += r.evaluations();
                double v = -r.value();
                if (v > value) {
                    improved = v > value + 1e-9 * Math.max(1, Math.abs(value));
                    value = v;
                    System.arraycopy(r.x(), 0, x, 0, dims);
                }
            }
            for (int j = 0; j < dims; j++) {
                if (!encoding.isDiscrete(j)) {
                    continue;
                }
                double[] options = boxed(j, discreteOptions(j, x[j]));
                if (options.length == 0) {
                    continue;
                }
                double[][] pts = new double[options.length][];
                for (int k = 0; k < options.length; k++) {
                    pts[k] = x.clone();
                    pts[k][j] = options[k];
                }
                double[] vals = new double[options.length];
                acquisition.values(pts, vals);
                evaluations += options.length;
                int bestK = -1;
                for (int k = 0; k < options.length; k++) {
                    if (vals[k] > value + 1e-9 * Math.max(1, Math.abs(value))) {
                        if (bestK < 0 || vals[k] > vals[bestK]) {
                            bestK = k;
                        }
                    }
                }
                if (bestK >= 0) {
                    x[j] = options[bestK];
                    value = vals[bestK];
                    improved = true;
                }
            }
            if (!improved || !anyDiscrete) {
                break;
            }
        }
        return value;
    }

    /** The options of numeric dimension j inside the box (with the grid points nearest its two edges). */
    private double[] boxed(int j, double[] options) {
        if (lower == null || encoding.isCategorical(j)) {
            return options;
        }
        double lo = encoding.snap(j, lower[j]);
        double hi = encoding.snap(j, upper[j]);
        double from = Math.min(lo, lower[j]);
        double to = Math.max(hi, upper[j]);
        int n = 0;
        double[] out = new double[options.length];
        for (double v : options) {
            if (v >= from && v <= to) {
                out[n++] = v;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Other values of discrete coordinate j to try from {@code current}. */
    private double[] discreteOptions(int j, double current) {
        long size = encoding.size(j);
        if (size <= Encoding.EXHAUSTIVE_GRID) {
            double[] all = encoding.values(j);
            double[] out = new double[all.length];
            int n = 0;
            for (double v : all) {
                if (v != current) {
                    out[n++] = v;
                }
            }
            return Arrays.copyOf(out, n);
        }
        if (encoding.isCategorical(j)) {
            // Too many choices to try each: as many others, drawn at random (a category has no neighbours).
            double[] out = new double[Encoding.EXHAUSTIVE_GRID];
            for (int i = 0; i < out.length; i++) {
                long c = rng.nextLong(size - 1);
                out[i] = c >= current ? c + 1 : c;
            }
            return out;
        }
        long k = encoding.gridIndex(j, current);
        List<Double> out = new ArrayList<>();
        for (long step = 1; step < size; step *= 2) {
            double up = encoding.gridPoint(j, k + step);
            double down = encoding.gridPoint(j, k - step);
            if (!Double.isNaN(up)) {
                out.add(up);
            }
            if (!Double.isNaN(down)) {
                out.add(down);
            }
        }
        double[] a = new double[out.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = out.get(i);
        }
        return a;
    }
}
