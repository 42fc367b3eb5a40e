package org.automl4j.problems;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Factory for the benchmark problems of the HPO peer suite: {@link #byName(String)} for any of
 * {@link #suiteNames()} (plus {@code mf}, the learning-curve problem with noise seed 0), and static
 * accessors per problem. The returned problems are immutable and may be shared.
 */
public final class Problems {

    private static final ContinuousFunction BRANIN = new ContinuousFunction("branin",
            new double[] {-5.0, 0.0}, new double[] {10.0, 15.0}, 0.39788735772973816,
            new double[][] {{-Math.PI, 12.275}, {Math.PI, 2.275}, {9.42478, 2.475}}, Functions::branin);
    private static final ContinuousFunction HARTMANN3 = ContinuousFunction.onCube("hartmann3", 3, 0.0, 1.0,
            -3.862779787332663, new double[] {0.11458887, 0.5556489, 0.85254698}, Functions::hartmann3);
    private static final ContinuousFunction HARTMANN6 = ContinuousFunction.onCube("hartmann6", 6, 0.0, 1.0,
            -3.3223680114155147,
            new double[] {0.20168951, 0.1500107, 0.47687397, 0.27533243, 0.31165161, 0.65730053},
            Functions::hartmann6);
    private static final ContinuousFunction ROSENBROCK10 = rosenbrock(10);
    private static final ContinuousFunction ACKLEY10 = ackley(10);
    private static final ContinuousFunction RASTRIGIN10 = rastrigin(10);
    private static final ContinuousFunction LEVY10 = levy(10);
    private static final ContinuousFunction STYBLINSKI_TANG10 = styblinskiTang(10);
    private static final LearningCurveProblem MF = new LearningCurveProblem(0);

    private static final Map<String, BenchmarkProblem> SUITE = new LinkedHashMap<>();

    static {
        SUITE.put("branin", BRANIN);
        SUITE.put("hartmann3", HARTMANN3);
        SUITE.put("hartmann6", HARTMANN6);
        SUITE.put("rosenbrock10", ROSENBROCK10);
        SUITE.put("ackley10", ACKLEY10);
        SUITE.put("rastrigin10", RASTRIGIN10);
        SUITE.put("levy10", LEVY10);
        SUITE.put("styblinski_tang10", STYBLINSKI_TANG10);
        SUITE.put("mixed", MixedProblem.INSTANCE);
        SUITE.put("conditional", ConditionalProblem.INSTANCE);
    }

    private static final List<String> SUITE_NAMES = List.copyOf(SUITE.keySet());

    private Problems() {
    }

    /**
     * The problem called {@code name}: one of {@link #suiteNames()} or {@code mf}.
     *
     * @throws IllegalArgumentException on any other name, listing the valid ones
     */
    public static BenchmarkProblem byName(String name) {
        BenchmarkProblem p = name == null ? null : SUITE.get(name);
        if (p != null) {
            return p;
        }
        if ("mf".equals(name)) {
            return MF;
        }
        throw new IllegalArgumentException("unknown benchmark problem '" + name + "'; valid names are "
                + String.join(", ", SUITE_NAMES) + ", mf");
    }

    /** The ten single-fidelity suite problems, in the order of the benchmark definitions. */
    public static List<String> suiteNames() {
        return SUITE_NAMES;
    }

    /** Branin on [-5, 10] x [0, 15], f* = 5/(4 pi). */
    public static ContinuousFunction branin() {
        return BRANIN;
    }

    /** Hartmann-3 on [0, 1]^3, f* = -3.862779787332663. */
    public static ContinuousFunction hartmann3() {
        return HARTMANN3;
    }

    /** Hartmann-6 on [0, 1]^6, f* = -3.3223680114155147. */
    public static ContinuousFunction hartmann6() {
        return HARTMANN6;
    }

    /** Rosenbrock in 10 dimensions on [-5, 10]^10, f* = 0. */
    public static ContinuousFunction rosenbrock10() {
        return ROSENBROCK10;
    }

    /** Ackley in 10 dimensions on [-32.768, 32.768]^10, f* = 0. */
    public static ContinuousFunction ackley10() {
        return ACKLEY10;
    }

    /** Rastrigin in 10 dimensions on [-5.12, 5.12]^10, f* = 0. */
    public static ContinuousFunction rastrigin10() {
        return RASTRIGIN10;
    }

    /** Levy in 10 dimensions on [-10, 10]^10, f* = 0. */
    public static ContinuousFunction levy10() {
        return LEVY10;
    }

    /** Styblinski-Tang in 10 dimensions on [-5, 5]^10, f* = 10 x -39.16616570377141. */
    public static ContinuousFunction styblinskiTang10() {
        return STYBLINSKI_TANG10;
    }

    /** The mixed space (float, log-float, int, categorical), f* = 0. */
    public static MixedProblem mixed() {
        return MixedProblem.INSTANCE;
    }

    /** The conditional space (algorithm choice with nested parameters), f* = 0.02. */
    public static ConditionalProblem conditional() {
        return ConditionalProblem.INSTANCE;
    }

    /** The learning-curve problem whose observed curves use {@code noiseSeed}. */
    public static LearningCurveProblem learningCurves(long noiseSeed) {
        return noiseSeed == 0 ? MF : new LearningCurveProblem(noiseSeed);
    }

    /** Rosenbrock in {@code d >= 2} dimensions on [-5, 10]^d, named {@code rosenbrock<d>}. */
    public static ContinuousFunction rosenbrock(int d) {
        requireDim(d, 2);
        return ContinuousFunction.onCube("rosenbrock" + d, d, -5.0, 10.0, 0.0, filled(d, 1.0),
                Functions::rosenbrock);
    }

    /** Ackley in {@code d >= 1} dimensions on [-32.768, 32.768]^d, named {@code ackley<d>}. */
    public static ContinuousFunction ackley(int d) {
        requireDim(d, 1);
        return ContinuousFunction.onCube("ackley" + d, d, -32.768, 32.768, 0.0, new double[d], Functions::ackley);
    }

    /** Rastrigin in {@code d >= 1} dimensions on [-5.12, 5.12]^d, named {@code rastrigin<d>}. */
    public static ContinuousFunction rastrigin(int d) {
        requireDim(d, 1);
        return ContinuousFunction.onCube("rastrigin" + d, d, -5.12, 5.12, 0.0, new double[d],
                Functions::rastrigin);
    }

    /** Levy in {@code d >= 1} dimensions on [-10, 10]^d, named {@code levy<d>}. */
    public static ContinuousFunction levy(int d) {
        requireDim(d, 1);
        return ContinuousFunction.onCube("levy" + d, d, -10.0, 10.0, 0.0, filled(d, 1.0), Functions::levy);
    }

    /** Styblinski-Tang in {@code d >= 1} dimensions on [-5, 5]^d, named {@code styblinski_tang<d>}. */
    public static ContinuousFunction styblinskiTang(int d) {
        requireDim(d, 1);
        return ContinuousFunction.onCube("styblinski_tang" + d, d, -5.0, 5.0, d * Functions.ST_FSTAR_PER_DIM,
                filled(d, Functions.ST_XSTAR), Functions::styblinskiTang);
    }

    private static void requireDim(int d, int min) {
        if (d < min) {
            throw new IllegalArgumentException("dimension must be >= " + min + ", but got " + d);
        }
    }

    private static double[] filled(int d, double v) {
        double[] x = new double[d];
        Arrays.fill(x, v);
        return x;
    }

    /** ZDT1 (Zitzler, Deb and Thiele 2000), 30 variables, two objectives. */
    public static ZdtProblem zdt1() {
        return ZdtProblem.zdt1();
    }

    /** ZDT2, 30 variables, two objectives (concave front). */
    public static ZdtProblem zdt2() {
        return ZdtProblem.zdt2();
    }

    /** ZDT3, 30 variables, two objectives (disconnected front). */
    public static ZdtProblem zdt3() {
        return ZdtProblem.zdt3();
    }

    /** The multi-objective problem named {@code name}: zdt1, zdt2 or zdt3. */
    public static ZdtProblem multiObjectiveByName(String name) {
        switch (name) {
            case "zdt1":
                return zdt1();
            case "zdt2":
                return zdt2();
            case "zdt3":
                return zdt3();
            default:
                throw new IllegalArgumentException("unknown multi-objective problem '" + name
                        + "'; use zdt1, zdt2 or zdt3");
        }
    }
}
