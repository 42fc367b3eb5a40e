package org.automl4j.bench;

import java.util.Locale;
import org.automl4j.sampler.Sampler;
import org.automl4j.sampler.Samplers;
import org.automl4j.sampler.auto.AutoSampler;
import org.automl4j.sampler.ext.ModelSamplers;
import org.automl4j.sampler.gp.GpSampler;
import org.automl4j.sampler.tpe.TpeSampler;

/**
 * Sampler names used on the benchmark command line: {@code random}, {@code sobol}, {@code tpe}
 * (automl4j's default), {@code tpe-optuna} (Optuna's univariate defaults), {@code tpe-mv}
 * (multivariate without groups), and {@code tpe[key=value;...]} to vary TPE's settings
 * (keys: startup, ei, gamma, cap, sqrt, weights, prior, pw, magic, minbw, bwf, ends, mv, group, liar, cat),
 * and {@code gp[key=value;...]} to vary the GP's (keys: startup, acq, beta, cand, local, power, pessimistic,
 * deterministic, fitpoints, smooth, tr, trmin, trrestart, trfail, trsucc, trinit).
 */
final class SamplerSpecs {
    private SamplerSpecs() {
    }

    static Sampler create(String spec, long seed) {
        String s = spec.trim();
        switch (s) {
            case "random":
                return Samplers.random(seed);
            case "sobol":
                return Samplers.sobol(seed);
            case "tpe":
                return Samplers.tpe(seed);
            case "tpe-optuna":
                return Samplers.tpe(TpeSampler.Options.optunaDefaults().withSeed(seed));
            case "nsga2":
                return Samplers.nsga2(seed);
            case "bohb":
                return Samplers.bohb(seed);
            case "smac":
                return Samplers.smac(seed);
            case "gp":
                return ModelSamplers.gp(seed);
            case "auto":
                return ModelSamplers.auto(seed);
            case "cmaes":
                return ModelSamplers.cmaEs(seed);
            case "tpe-mv":
                return Samplers.tpe(TpeSampler.Options.builder().group(false).seed(seed).build());
            default:
                break;
        }
        if (s.equals("auto-tpe")) {
            return new AutoSampler(AutoSampler.Options.defaults(), ModelSamplers.gp(seed), ModelSamplers.cmaEs(seed),
                    Samplers.tpe(seed), Samplers.nsga2(seed));
        }
        if (s.startsWith("auto[gp=") && s.endsWith("]")) {
            int gpTrials = Integer.parseInt(s.substring(8, s.length() - 1));
            AutoSampler.Options d = AutoSampler.Options.defaults();
            return ModelSamplers.auto(new AutoSampler.Options(gpTrials, d.gpMaxDimensions(), d.maxCategoricalShare()),
                    seed);
        }
        if (s.startsWith("gp[") && s.endsWith("]")) {
            return ModelSamplers.gp(gpOptions(s.substring(3, s.length() - 1)).withSeed(seed));
        }
        if (s.startsWith("tpe[") && s.endsWith("]")) {
            return Samplers.tpe(tpeOptions(s.substring(4, s.length() - 1)).withSeed(seed));
        }
        throw new IllegalArgumentException("unknown sampler '" + spec + "'; use random, sobol, tpe, tpe-optuna, tpe-mv, nsga2, cmaes, smac, gp, auto, auto[gp=N]"
                + ", gp[key=value;...] or tpe[key=value;...]");
    }

    /**
     * GP settings from {@code key=value;...}: startup (int), acq (log_ei, ei, ucb, pi), beta (UCB weight),
     * cand, local, power, pessimistic, deterministic (booleans), fitpoints; smooth (learning-curve denoising); tr=turbo for a TuRBO trust region,
     * varied by trmin (least length), trrestart (boolean), trfail and trsucc (tolerances), trinit (first length).
     */
    static GpSampler.Options gpOptions(String body) {
        GpSampler.Options.Builder b = GpSampler.Options.builder();
        GpSampler.TrustRegion tr = null;
        for (String kv : body.split(";")) {
            if (kv.isBlank()) {
                continue;
            }
            String[] p = kv.split("=", 2);
            if (p.length != 2) {
                throw new IllegalArgumentException("GP setting '" + kv + "' must look like key=value");
            }
            String k = p[0].trim();
            String v = p[1].trim();
            switch (k) {
                case "startup" -> b.startupTrials(Integer.parseInt(v));
                case "acq" -> b.acquisition(GpSampler.Acquisition.valueOf(v.toUpperCase(Locale.ROOT)));
                case "beta" -> b.ucb(Double.parseDouble(v));
                case "cand" -> b.candidates(Integer.parseInt(v));
                case "local" -> b.localSearch(Integer.parseInt(v));
                case "power" -> b.powerTransform(Boolean.parseBoolean(v));
                case "pessimistic" -> b.pessimisticPriorMean(Boolean.parseBoolean(v));
                case "deterministic" -> b.deterministicObjective(Boolean.parseBoolean(v));
                case "fitpoints" -> b.maxFitPoints(Integer.parseInt(v));
                case "smooth" -> b.smoothCurves(Boolean.parseBoolean(v));
                case "tr" -> {
                    if (!v.equals("turbo") && !v.equals("none")) {
                        throw new IllegalArgumentException("GP setting tr must be turbo or none, but got '" + v + "'");
                    }
                    tr = v.equals("turbo") ? GpSampler.TrustRegion.turbo() : null;
                }
                case "trmin" -> tr = turbo(tr).withMinLength(Double.parseDouble(v), turbo(tr).restart());
                case "trrestart" -> tr = turbo(tr).withMinLength(turbo(tr).minLength(), Boolean.parseBoolean(v));
                case "trfail" -> tr = turbo(tr).withTolerances(turbo(tr).successTolerance(), Integer.parseInt(v));
                case "trsucc" -> tr = turbo(tr).withTolerances(Integer.parseInt(v), turbo(tr).failureTolerance());
                case "trinit" -> {
                    GpSampler.TrustRegion t = turbo(tr);
                    tr = new GpSampler.TrustRegion(Double.parseDouble(v), t.minLength(), t.maxLength(),
                            t.successTolerance(), t.failureTolerance(), t.restart());
                }
                default -> throw new IllegalArgumentException("unknown GP setting '" + k + "'; use startup, acq, beta,"
                        + " cand, local, power, pessimistic, deterministic, fitpoints, smooth, tr, trmin, trrestart, trfail,"
                        + " trsucc or trinit");
            }
        }
        return b.trustRegion(tr).build();
    }

    private static GpSampler.TrustRegion turbo(GpSampler.TrustRegion tr) {
        return tr != null ? tr : GpSampler.TrustRegion.turbo();
    }

    static TpeSampler.Options tpeOptions(String body) {
        TpeSampler.Options.Builder b = TpeSampler.Options.builder();
        for (String kv : body.split(";")) {
            TpeSampler.Options cur = b.build();
            if (kv.isBlank()) {
                continue;
            }
            String[] p = kv.split("=", 2);
            if (p.length != 2) {
                throw new IllegalArgumentException("TPE setting '" + kv + "' must look like key=value");
            }
            String k = p[0].trim().toLowerCase(Locale.ROOT);
            String v = p[1].trim();
            switch (k) {
                case "startup" -> b.startupTrials(Integer.parseInt(v));
                case "ei" -> b.eiCandidates(Integer.parseInt(v));
                case "gamma" -> b.gamma(Double.parseDouble(v), cur.gammaCap(), cur.gammaSqrt());
                case "cap" -> b.gamma(cur.gammaBeta(), Integer.parseInt(v), cur.gammaSqrt());
                case "sqrt" -> b.gamma(cur.gammaBeta(), cur.gammaCap(), Boolean.parseBoolean(v));
                case "weights" -> b.weighting(TpeSampler.Weighting.valueOf(v.toUpperCase(Locale.ROOT)));
                case "prior" -> b.prior(Boolean.parseBoolean(v), cur.priorWeight());
                case "pw" -> b.prior(cur.considerPrior(), Double.parseDouble(v));
                case "magic" -> b.magicClip(Boolean.parseBoolean(v));
                case "minbw" -> b.minBandwidth(Double.parseDouble(v));
                case "bwf" -> b.bandwidthFactor(Double.parseDouble(v));
                case "ends" -> b.considerEndpoints(Boolean.parseBoolean(v));
                case "mv" -> b.multivariate(Boolean.parseBoolean(v));
                case "group" -> b.group(Boolean.parseBoolean(v));
                case "liar" -> b.constantLiar(Boolean.parseBoolean(v));
                case "cat" -> b.categoricalBandwidth(Double.parseDouble(v));
                default -> throw new IllegalArgumentException("unknown TPE setting '" + k + "'");
            }
        }
        return b.build();
    }
}
