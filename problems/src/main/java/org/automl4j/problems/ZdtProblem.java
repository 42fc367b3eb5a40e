package org.automl4j.problems;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.automl4j.study.Direction;
import org.automl4j.study.MultiObjective;
import org.automl4j.trial.Trial;

/**
 * The bi-objective test problems ZDT1, ZDT2 and ZDT3 (Zitzler, Deb and Thiele 2000), both objectives
 * minimised, on {@code x0..x{n-1}} in [0, 1] (n = 30 as in the paper):
 * <pre>
 *   f1 = x0,   g = 1 + 9 / (n - 1) * (x1 + ... + x{n-1}),   f2 = g * h(f1, g)
 *   ZDT1: h = 1 - sqrt(f1 / g)                       (convex front)
 *   ZDT2: h = 1 - (f1 / g)^2                         (concave front)
 *   ZDT3: h = 1 - sqrt(f1 / g) - f1 / g * sin(10 pi f1) (five disconnected pieces)
 * </pre>
 * The Pareto front is where g = 1 (x1..x{n-1} = 0): {@code f2 = 1 - sqrt(f1)}, {@code 1 - f1^2}, and
 * for ZDT3 the non-dominated pieces of {@code 1 - sqrt(f1) - f1 sin(10 pi f1)}.
 *
 * <p>Hypervolumes are measured against the reference point (1.1, 1.1), common practice for all
 * three (ZDT3's f2 goes down to about -0.77, which the point bounds from above only).
 * {@link #maxHypervolume()} is the hypervolume of the whole true front for that point, integrated in
 * closed form, so {@code maxHypervolume() - hv} is a regret-like gap. Immutable and thread-safe.
 */
public final class ZdtProblem {

    /** The default number of variables, as in the paper. */
    public static final int DEFAULT_VARIABLES = 30;

    private static final double[] REFERENCE = {1.1, 1.1};

    /**
     * ZDT3's front: the f1 intervals where the curve is non-dominated. Each piece ends at a local
     * minimum of f2 and the next starts where the curve falls below it again (values computed with
     * 30-digit arithmetic; they agree with the usual literature values to 1e-9).
     */
    private static final double[][] ZDT3_PIECES = {
        {0.0, 0.083001534926911633},
        {0.18222872802939978, 0.25776236338783022},
        {0.40931367480865684, 0.45388210408883017},
        {0.61839679443926579, 0.65251170380466252},
        {0.82333179832663274, 0.8518328654364139},
    };

    private enum Kind { ZDT1, ZDT2, ZDT3 }

    private static final ZdtProblem ZDT1 = new ZdtProblem(Kind.ZDT1, DEFAULT_VARIABLES);
    private static final ZdtProblem ZDT2 = new ZdtProblem(Kind.ZDT2, DEFAULT_VARIABLES);
    private static final ZdtProblem ZDT3 = new ZdtProblem(Kind.ZDT3, DEFAULT_VARIABLES);

    private final Kind kind;
    private final int n;

    private ZdtProblem(Kind kind, int n) {
        if (n < 2) {
            throw new IllegalArgumentException(kind.name().toLowerCase() + " needs at least 2 variables, but got "
                    + n);
        }
        this.kind = kind;
        this.n = n;
    }

    /** ZDT1 with 30 variables: convex front {@code f2 = 1 - sqrt(f1)}. */
    public static ZdtProblem zdt1() {
        return ZDT1;
    }

    /** ZDT2 with 30 variables: concave front {@code f2 = 1 - f1^2}. */
    public static ZdtProblem zdt2() {
        return ZDT2;
    }

    /** ZDT3 with 30 variables: a front of five disconnected pieces. */
    public static ZdtProblem zdt3() {
        return ZDT3;
    }

    /** ZDT1 with {@code n >= 2} variables. */
    public static ZdtProblem zdt1(int n) {
        return n == DEFAULT_VARIABLES ? ZDT1 : new ZdtProblem(Kind.ZDT1, n);
    }

    /** ZDT2 with {@code n >= 2} variables. */
    public static ZdtProblem zdt2(int n) {
        return n == DEFAULT_VARIABLES ? ZDT2 : new ZdtProblem(Kind.ZDT2, n);
    }

    /** ZDT3 with {@code n >= 2} variables. */
    public static ZdtProblem zdt3(int n) {
        return n == DEFAULT_VARIABLES ? ZDT3 : new ZdtProblem(Kind.ZDT3, n);
    }

    /** {@code zdt1}, {@code zdt2} or {@code zdt3}, with {@code _<n>} appended when n is not 30. */
    public String name() {
        String base = kind.name().toLowerCase();
        return n == DEFAULT_VARIABLES ? base : base + "_" + n;
    }

    /** The number of variables. */
    public int dimension() {
        return n;
    }

    /** Both objectives are minimised. */
    public List<Direction> directions() {
        return List.of(Direction.MINIMIZE, Direction.MINIMIZE);
    }

    /**
     * The two objective values at {@code x}.
     *
     * @throws IllegalArgumentException if {@code x} has the wrong length or a coordinate outside [0, 1]
     */
    public double[] values(double[] x) {
        if (x.length != n) {
            throw new IllegalArgumentException(name() + " takes " + n + " variables, but got " + x.length);
        }
        for (int i = 0; i < n; i++) {
            if (!(x[i] >= 0 && x[i] <= 1)) {
                throw new IllegalArgumentException(name() + ": x" + i + " = " + x[i] + " is outside [0, 1]");
            }
        }
        double f1 = x[0];
        double sum = 0;
        for (int i = 1; i < n; i++) {
            sum += x[i];
        }
        double g = 1 + 9 * sum / (n - 1);
        return new double[] {f1, g * h(f1, g)};
    }

    private double h(double f1, double g) {
        double r = f1 / g;
        return switch (kind) {
            case ZDT1 -> 1 - Math.sqrt(r);
            case ZDT2 -> 1 - r * r;
            case ZDT3 -> 1 - Math.sqrt(r) - r * Math.sin(10 * Math.PI * f1);
        };
    }

    /**
     * The objective values of a parameter assignment {@code x0..x{n-1}}, as {@link #suggest} returns it.
     *
     * @throws IllegalArgumentException if a variable is missing, not a number or outside [0, 1]
     */
    public double[] values(Map<String, ?> params) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Params.num(params, paramName(i));
        }
        return values(x);
    }

    /** The parameter name of variable {@code i}: {@code x0}, {@code x1}, .... */
    static String paramName(int i) {
        return "x" + i;
    }

    /** Suggests {@code x0..x{n-1}} in [0, 1] through {@code trial}, in order, and returns them. */
    public Map<String, Object> suggest(Trial trial) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            p.put(paramName(i), trial.suggestFloat(paramName(i), 0.0, 1.0));
        }
        return p;
    }

    /** Suggests the variables through {@code trial} and returns the two objective values. */
    public double[] evaluate(Trial trial) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = trial.suggestFloat(paramName(i), 0.0, 1.0);
        }
        return values(x);
    }

    /** This problem as the objective of a two-direction (MINIMIZE, MINIMIZE) study. */
    public MultiObjective objective() {
        return this::evaluate;
    }

    /** The true front's value of f2 at {@code f1} (on ZDT3, also between the pieces, where it is dominated). */
    private double frontF2(double f1) {
        return h(f1, 1.0);
    }

    /** The f1 intervals of the true front. */
    private double[][] pieces() {
        return kind == Kind.ZDT3 ? ZDT3_PIECES : new double[][] {{0.0, 1.0}};
    }

    /**
     * Points of the true Pareto front, f1 ascending, spread evenly over the f1 length of the front. On
     * ZDT3 they are shared out over the five pieces by length; every piece's end is included, and so
     * is the start of the first, but the later pieces start just after their left end, which only ties
     * with the end of the piece before (and so is dominated by it). All points are mutually
     * non-dominated.
     *
     * @param points how many, at least 2 (10 on ZDT3)
     * @return {@code double[points][2]} of (f1, f2)
     */
    public double[][] trueFront(int points) {
        double[][] pieces = pieces();
        if (points < 2 * pieces.length) {
            throw new IllegalArgumentException(name() + "'s front needs at least " + 2 * pieces.length
                    + " points (both ends of each piece), but got " + points);
        }
        double total = 0;
        for (double[] p : pieces) {
            total += p[1] - p[0];
        }
        int[] counts = new int[pieces.length];
        int assigned = 0;
        for (int k = 0; k < pieces.length; k++) {
            counts[k] = Math.max(2, (int) Math.floor(points * (pieces[k][1] - pieces[k][0]) / total));
            assigned += counts[k];
        }
        for (int k = 0; assigned != points; k = (k + 1) % pieces.length) {
            if (assigned < points) {
                counts[k]++;
                assigned++;
            } else if (counts[k] > 2) {
                counts[k]--;
                assigned--;
            }
        }
        double[][] out = new double[points][];
        int i = 0;
        for (int k = 0; k < pieces.length; k++) {
            double a = pieces[k][0];
            double b = pieces[k][1];
            for (int j = 0; j < counts[k]; j++) {
                double f1;
                if (k == 0) {
                    f1 = j == counts[k] - 1 ? b : a + (b - a) * j / (counts[k] - 1);
                } else {
                    // (a, b]: the start itself ties with the previous piece's end, which dominates it.
                    f1 = j == counts[k] - 1 ? b : a + (b - a) * (j + 1) / counts[k];
                }
                out[i++] = new double[] {f1, frontF2(f1)};
            }
        }
        return out;
    }

    /** The reference point of hypervolumes on this problem: (1.1, 1.1). */
    public double[] referencePoint() {
        return REFERENCE.clone();
    }

    /**
     * The hypervolume of the whole true front with respect to {@link #referencePoint()}: the area
     * between the front's attainment surface and the reference point, integrated in closed form
     * (0.87666... for ZDT1, 0.54333... for ZDT2, 1.3317629... for ZDT3). No finite set of points
     * reaches it; a dense sample of {@link #trueFront} comes within {@code O(1/points)}.
     */
    public double maxHypervolume() {
        double r1 = REFERENCE[0];
        double r2 = REFERENCE[1];
        double[][] pieces = pieces();
        double hv = 0;
        for (int k = 0; k < pieces.length; k++) {
            double a = pieces[k][0];
            double b = pieces[k][1];
            hv += r2 * (b - a) - (integralF2(b) - integralF2(a));
            double next = k + 1 < pieces.length ? pieces[k + 1][0] : r1;
            hv += (next - b) * (r2 - frontF2(b));
        }
        return hv;
    }

    /** An antiderivative of the front's f2 (g = 1) in f1. */
    private double integralF2(double f) {
        return switch (kind) {
            case ZDT1 -> f - 2.0 / 3.0 * Math.pow(f, 1.5);
            case ZDT2 -> f - f * f * f / 3.0;
            case ZDT3 -> {
                double w = 10 * Math.PI;
                // integral of f sin(w f) = sin(w f) / w^2 - f cos(w f) / w
                yield f - 2.0 / 3.0 * Math.pow(f, 1.5) - (Math.sin(w * f) / (w * w) - f * Math.cos(w * f) / w);
            }
        };
    }

    @Override
    public String toString() {
        return name() + "(n=" + n + ")";
    }
}
