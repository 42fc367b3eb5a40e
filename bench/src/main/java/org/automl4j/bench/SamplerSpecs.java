package org.automl4j.bench;

import java.util.Locale;
import org.automl4j.sampler.Sampler;
import org.automl4j.sampler.Samplers;
import org.automl4j.sampler.tpe.TpeSampler;

/**
 * Sampler names used on the benchmark command line: {@code random}, {@code sobol}, {@code tpe}
 * (automl4j's default), {@code tpe-optuna} (Optuna's univariate defaults), {@code tpe-mv}
 * (multivariate without groups), and {@code tpe[key=value;...]} to vary TPE's settings
 * (keys: startup, ei, gamma, cap, sqrt, weights, prior, pw, magic, minbw, bwf, ends, mv, group, liar, cat).
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
            case "tpe-mv":
                return Samplers.tpe(TpeSampler.Options.defaults().withMultivariate(true, false).withSeed(seed));
            default:
                break;
        }
        if (s.startsWith("tpe[") && s.endsWith("]")) {
            return Samplers.tpe(tpeOptions(s.substring(4, s.length() - 1)).withSeed(seed));
        }
        throw new IllegalArgumentException("unknown sampler '" + spec + "'; use random, sobol, tpe, tpe-optuna, tpe-mv"
                + " or tpe[key=value;...]");
    }

    static TpeSampler.Options tpeOptions(String body) {
        TpeSampler.Options o = TpeSampler.Options.defaults();
        for (String kv : body.split(";")) {
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
                case "startup" -> o = o.withStartupTrials(Integer.parseInt(v));
                case "ei" -> o = o.withEiCandidates(Integer.parseInt(v));
                case "gamma" -> o = o.withGamma(Double.parseDouble(v), o.gammaCap(), o.gammaSqrt());
                case "cap" -> o = o.withGamma(o.gammaBeta(), Integer.parseInt(v), o.gammaSqrt());
                case "sqrt" -> o = o.withGamma(o.gammaBeta(), o.gammaCap(), Boolean.parseBoolean(v));
                case "weights" -> o = o.withWeighting(TpeSampler.Weighting.valueOf(v.toUpperCase(Locale.ROOT)));
                case "prior" -> o = o.withPrior(Boolean.parseBoolean(v), o.priorWeight());
                case "pw" -> o = o.withPrior(o.considerPrior(), Double.parseDouble(v));
                case "magic" -> o = o.withBandwidth(Boolean.parseBoolean(v), o.minBandwidth(), o.bandwidthFactor());
                case "minbw" -> o = o.withBandwidth(o.magicClip(), Double.parseDouble(v), o.bandwidthFactor());
                case "bwf" -> o = o.withBandwidth(o.magicClip(), o.minBandwidth(), Double.parseDouble(v));
                case "ends" -> o = o.withEndpoints(Boolean.parseBoolean(v));
                case "mv" -> o = o.withMultivariate(Boolean.parseBoolean(v), o.group());
                case "group" -> o = o.withMultivariate(o.multivariate(), Boolean.parseBoolean(v));
                case "liar" -> o = o.withConstantLiar(Boolean.parseBoolean(v));
                case "cat" -> o = o.withCategoricalBandwidth(Double.parseDouble(v));
                default -> throw new IllegalArgumentException("unknown TPE setting '" + k + "'");
            }
        }
        return o;
    }
}
