package org.automl4j.pruner;

import java.util.Arrays;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.automl4j.study.Direction;
import org.automl4j.study.StudyView;

/** Helpers shared by the built-in pruners; stateless. */
final class PrunerSupport {
    private PrunerSupport() {
    }

    /**
     * The direction in which intermediate values improve: the study's direction for one objective; for
     * several objectives the objective reports a scalarisation of its own choice (e.g. a weighted sum
     * of losses) and smaller is better, so successive halving, Hyperband and the percentile pruners
     * also stop trials of Pareto studies (Optuna has no pruning there).
     */
    static Direction direction(StudyView study, String pruner) {
        return study.directions().size() == 1 ? study.directions().get(0) : Direction.MINIMIZE;
    }

    /**
     * Optuna's {@code _is_first_in_interval_step}: whether {@code step} is the first reported step in its
     * pruning interval (counted from {@code nWarmupSteps}).
     */
    static boolean isFirstInIntervalStep(long step, NavigableMap<Long, Double> values, long nWarmupSteps,
            long intervalSteps) {
        long nearestLowerPruningStep = Math.floorDiv(step - nWarmupSteps, intervalSteps) * intervalSteps
                + nWarmupSteps;
        Long secondLast = values.lowerKey(step);
        long secondLastStep = secondLast == null ? -1 : secondLast;
        return secondLastStep < nearestLowerPruningStep;
    }

    /** The best non-NaN value in the direction, or NaN if there is none. */
    static double bestOf(Iterable<Double> values, Direction direction) {
        double best = Double.NaN;
        for (double v : values) {
            if (!Double.isNaN(v) && (Double.isNaN(best) || direction.isBetter(v, best))) {
                best = v;
            }
        }
        return best;
    }

    static void requireNonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value + "; pass 0 or a positive number");
        }
    }

    static void requireAtLeast(String name, long value, long min, String hint) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value + "; " + hint);
        }
    }

    /** {@code a * b}, saturated at {@link Long#MAX_VALUE} (both non-negative). */
    static long saturatedMultiply(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return hi != 0 || lo < 0 ? Long.MAX_VALUE : lo;
    }

    /**
     * Per-study state of a pruner instance, keyed by {@link StudyView#identity()} (a pruner may be shared by
     * several studies, also by same-name studies of different storages, whose histories must not mix).
     */
    static final class PerStudy<S> {
        private final ConcurrentMap<Object, S> states = new ConcurrentHashMap<>();
        private final Supplier<S> factory;

        PerStudy(Supplier<S> factory) {
            this.factory = factory;
        }

        S of(StudyView study) {
            return states.computeIfAbsent(study.identity(), k -> factory.get());
        }
    }

    /** A sorted multiset of doubles with O(log n) search and O(n) insertion; not thread-safe. */
    static final class SortedDoubles {
        private double[] a = new double[4];
        private int n;

        void add(double v) {
            int i = Arrays.binarySearch(a, 0, n, v);
            if (i < 0) {
                i = -i - 1;
            }
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            System.arraycopy(a, i, a, i + 1, n - i);
            a[i] = v;
            n++;
        }

        void remove(double v) {
            int i = Arrays.binarySearch(a, 0, n, v);
            if (i < 0) {
                throw new IllegalStateException("value " + v + " is not in the set");
            }
            System.arraycopy(a, i + 1, a, i, n - i - 1);
            n--;
        }

        int size() {
            return n;
        }

        double get(int i) {
            return a[i];
        }

        /**
         * numpy's default (linear) percentile, {@code p} in [0, 100]; NaN when empty. Unlike numpy, infinite
         * values do not turn the result into NaN: a percentile that falls on a value is that value, and one
         * between a finite and an infinite value is the infinite one (the limit of the interpolation).
         */
        double percentile(double p) {
            if (n == 0) {
                return Double.NaN;
            }
            double h = (n - 1) * p / 100.0;
            int lo = (int) Math.floor(h);
            int hi = Math.min(lo + 1, n - 1);
            double fraction = h - lo;
            if (fraction == 0 || a[lo] == a[hi] || Double.isInfinite(a[lo])) {
                return a[lo];
            }
            if (Double.isInfinite(a[hi])) {
                return a[hi];
            }
            return a[lo] + fraction * (a[hi] - a[lo]);
        }
    }
}
