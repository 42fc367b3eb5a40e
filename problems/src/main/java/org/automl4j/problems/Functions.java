package org.automl4j.problems;

/** The continuous test functions of functions.md §1, transcribed from bench_functions.py. */
final class Functions {

    static final double PI = Math.PI;

    private static final double[] HART_ALPHA = {1.0, 1.2, 3.0, 3.2};
    private static final double[][] HART3_A = {
        {3.0, 10.0, 30.0},
        {0.1, 10.0, 35.0},
        {3.0, 10.0, 30.0},
        {0.1, 10.0, 35.0}};
    private static final double[][] HART3_P = {
        {3689e-4, 1170e-4, 2673e-4},
        {4699e-4, 4387e-4, 7470e-4},
        {1091e-4, 8732e-4, 5547e-4},
        {381e-4, 5743e-4, 8828e-4}};
    private static final double[][] HART6_A = {
        {10.0, 3.0, 17.0, 3.5, 1.7, 8.0},
        {0.05, 10.0, 17.0, 0.1, 8.0, 14.0},
        {3.0, 3.5, 1.7, 10.0, 17.0, 8.0},
        {17.0, 8.0, 0.05, 10.0, 0.1, 14.0}};
    private static final double[][] HART6_P = {
        {1312e-4, 1696e-4, 5569e-4, 124e-4, 8283e-4, 5886e-4},
        {2329e-4, 4135e-4, 8307e-4, 3736e-4, 1004e-4, 9991e-4},
        {2348e-4, 1451e-4, 3522e-4, 2883e-4, 3047e-4, 6650e-4},
        {4047e-4, 8828e-4, 8732e-4, 5743e-4, 1091e-4, 381e-4}};

    /** Root of 4x^3 - 32x + 5 = 0: the per-coordinate minimiser of Styblinski-Tang. */
    static final double ST_XSTAR = -2.903534027771177;
    /** Styblinski-Tang minimum per dimension. */
    static final double ST_FSTAR_PER_DIM = -39.16616570377141;

    private Functions() {
    }

    static double branin(double[] x) {
        double x1 = x[0];
        double x2 = x[1];
        double a = 1.0;
        double b = 5.1 / (4.0 * PI * PI);
        double c = 5.0 / PI;
        double r = 6.0;
        double s = 10.0;
        double t = 1.0 / (8.0 * PI);
        double q = x2 - b * x1 * x1 + c * x1 - r;
        return a * (q * q) + s * (1.0 - t) * Math.cos(x1) + s;
    }

    private static double hartmann(double[] x, double[][] a, double[][] p) {
        double total = 0.0;
        for (int i = 0; i < 4; i++) {
            double inner = 0.0;
            for (int j = 0; j < x.length; j++) {
                double d = x[j] - p[i][j];
                inner += a[i][j] * d * d;
            }
            total += HART_ALPHA[i] * Math.exp(-inner);
        }
        return -total;
    }

    static double hartmann3(double[] x) {
        return hartmann(x, HART3_A, HART3_P);
    }

    static double hartmann6(double[] x) {
        return hartmann(x, HART6_A, HART6_P);
    }

    static double rosenbrock(double[] x) {
        double s = 0.0;
        for (int i = 0; i < x.length - 1; i++) {
            double u = x[i + 1] - x[i] * x[i];
            double v = x[i] - 1.0;
            s += 100.0 * (u * u) + v * v;
        }
        return s;
    }

    static double ackley(double[] x) {
        int d = x.length;
        double a = 20.0;
        double b = 0.2;
        double c = 2.0 * PI;
        double s1 = 0.0;
        double s2 = 0.0;
        for (double v : x) {
            s1 += v * v;
        }
        for (double v : x) {
            s2 += Math.cos(c * v);
        }
        return -a * Math.exp(-b * Math.sqrt(s1 / d)) - Math.exp(s2 / d) + a + Math.E;
    }

    static double rastrigin(double[] x) {
        double s = 0.0;
        for (double v : x) {
            s += v * v - 10.0 * Math.cos(2.0 * PI * v);
        }
        return 10.0 * x.length + s;
    }

    static double levy(double[] x) {
        int d = x.length;
        double[] w = new double[d];
        for (int i = 0; i < d; i++) {
            w[i] = 1.0 + (x[i] - 1.0) / 4.0;
        }
        double s0 = Math.sin(PI * w[0]);
        double s = s0 * s0;
        for (int i = 0; i < d - 1; i++) {
            double si = Math.sin(PI * w[i] + 1.0);
            double wi = w[i] - 1.0;
            s += (wi * wi) * (1.0 + 10.0 * (si * si));
        }
        double sd = Math.sin(2.0 * PI * w[d - 1]);
        double wd = w[d - 1] - 1.0;
        s += (wd * wd) * (1.0 + sd * sd);
        return s;
    }

    static double styblinskiTang(double[] x) {
        double s = 0.0;
        for (double v : x) {
            s += Math.pow(v, 4) - 16.0 * v * v + 5.0 * v;
        }
        return 0.5 * s;
    }
}
