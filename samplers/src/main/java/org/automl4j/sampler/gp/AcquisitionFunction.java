package org.automl4j.sampler.gp;

import java.util.List;

/**
 * The acquisition function maximised to choose the next point, for minimisation of standardised
 * losses: log expected improvement, expected improvement, probability of improvement (optimised as its
 * logarithm, which has the same maximiser) or the lower confidence bound {@code sqrt(beta) sigma - mu}.
 *
 * <p>With constraints, each constraint has its own GP and the probability of feasibility
 * {@code PoF = prod_k P(c_k <= 0)} enters as a factor: EI x PoF, and in log space LogEI + log PoF and
 * log PI + log PoF; for UCB, log PoF is added to the bound (a penalty in standard deviations of the
 * loss). The incumbent for improvement is the best feasible loss; while no trial is feasible the
 * function is log PoF alone, which leads the search to the feasible region. Immutable; thread-safe.
 */
final class AcquisitionFunction {

    /** A constraint's GP and the standardised value of the bound 0. */
    record Constraint(GaussianProcess gp, double threshold) {
    }

    private final GpSampler.Acquisition kind;
    private final double sqrtBeta;
    private final GaussianProcess objective;
    private final double best;
    private final List<Constraint> constraints;
    private final int dims;

    /**
     * @param best the best feasible standardised loss, or NaN when no observation is feasible
     */
    AcquisitionFunction(GpSampler.Acquisition kind, double ucbBeta, GaussianProcess objective, double best,
            List<Constraint> constraints, int dims) {
        this.kind = kind;
        this.sqrtBeta = Math.sqrt(ucbBeta);
        this.objective = objective;
        this.best = best;
        this.constraints = List.copyOf(constraints);
        this.dims = dims;
    }

    private boolean feasibilityOnly() {
        return Double.isNaN(best);
    }

    /** The acquisition value (larger is better) of a posterior {@code (mean, sd)} of the loss, without constraints. */
    double score(double mean, double sd) {
        double z = (best - mean) / sd;
        return switch (kind) {
            case LOG_EI -> Math.log(sd) + StdNormal.logH(z);
            case EI -> sd * StdNormal.h(z);
            case PI -> StdNormal.logCdf(z);
            case UCB -> sqrtBeta * sd - mean;
        };
    }

    /** Values at many points (batched through the GPs). */
    void values(double[][] points, double[] out) {
        int m = points.length;
        double[] logPof = new double[m];
        double[] mean = new double[m];
        double[] var = new double[m];
        for (Constraint c : constraints) {
            c.gp().predict(points, mean, var);
            for (int i = 0; i < m; i++) {
                logPof[i] += StdNormal.logCdf((c.threshold() - mean[i]) / Math.sqrt(var[i]));
            }
        }
        if (feasibilityOnly()) {
            System.arraycopy(logPof, 0, out, 0, m);
            return;
        }
        objective.predict(points, mean, var);
        for (int i = 0; i < m; i++) {
            out[i] = combine(score(mean[i], Math.sqrt(var[i])), logPof[i]);
        }
        for (int i = 0; i < m; i++) {
            if (Double.isNaN(out[i])) {
                out[i] = Double.NEGATIVE_INFINITY;
            }
        }
    }

    private double combine(double score, double logPof) {
        if (constraints.isEmpty()) {
            return score;
        }
        return kind == GpSampler.Acquisition.EI ? score * Math.exp(logPof) : score + logPof;
    }

    /** The value at one point, with its gradient over the numeric coordinates written to {@code gradient}. */
    double valueAndGradient(double[] point, double[] gradient) {
        double[] dm = new double[dims];
        double[] dv = new double[dims];
        double logPof = 0;
        double[] gPof = new double[dims];
        for (Constraint c : constraints) {
            double[] mv = c.gp().predictWithGradient(point, dm, dv);
            double sd = Math.sqrt(mv[1]);
            double z = (c.threshold() - mv[0]) / sd;
            logPof += StdNormal.logCdf(z);
            double r = StdNormal.dLogCdf(z);
            double dMean = -r / sd;
            double dSd = -r * z / sd;
            for (int j = 0; j < dims; j++) {
                gPof[j] += dMean * dm[j] + dSd * dv[j] / (2 * sd);
            }
        }
        if (feasibilityOnly()) {
            System.arraycopy(gPof, 0, gradient, 0, dims);
            return logPof;
        }
        double[] mv = objective.predictWithGradient(point, dm, dv);
        double mean = mv[0];
        double sd = Math.sqrt(mv[1]);
        double z = (best - mean) / sd;
        double value;
        double dMean;
        double dSd;
        switch (kind) {
            case LOG_EI -> {
                double r = StdNormal.dLogH(z);
                value = Math.log(sd) + StdNormal.logH(z);
                dMean = -r / sd;
                dSd = (1 - r * z) / sd;
            }
            case EI -> {
                value = sd * StdNormal.h(z);
                dMean = -StdNormal.cdf(z);
                dSd = StdNormal.pdf(z);
            }
            case PI -> {
                double r = StdNormal.dLogCdf(z);
                value = StdNormal.logCdf(z);
                dMean = -r / sd;
                dSd = -r * z / sd;
            }
            case UCB -> {
                value = sqrtBeta * sd - mean;
                dMean = -1;
                dSd = sqrtBeta;
            }
            default -> throw new AssertionError(kind);
        }
        double factor = 1;
        if (!constraints.isEmpty() && kind == GpSampler.Acquisition.EI) {
            factor = Math.exp(logPof);
        }
        for (int j = 0; j < dims; j++) {
            double g = dMean * dm[j] + dSd * dv[j] / (2 * sd);
            if (constraints.isEmpty()) {
                gradient[j] = g;
            } else if (kind == GpSampler.Acquisition.EI) {
                gradient[j] = factor * (g + value * gPof[j]);
            } else {
                gradient[j] = g + gPof[j];
            }
        }
        double out = combine(value, logPof);
        return Double.isNaN(out) ? Double.NEGATIVE_INFINITY : out;
    }
}
