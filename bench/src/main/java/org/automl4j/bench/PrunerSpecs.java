package org.automl4j.bench;

import org.automl4j.pruner.Pruner;
import org.automl4j.pruner.Pruners;

/**
 * Pruner names used on the benchmark command line, with the peers' settings: {@code median}
 * (5 startup trials, 5 warm-up steps), {@code sha} (min resource 1, eta 3), {@code hyperband}
 * (1..81, eta 3), {@code lce} (learning-curve extrapolation to 81).
 */
final class PrunerSpecs {
    private PrunerSpecs() {
    }

    static Pruner create(String spec) {
        switch (spec.trim()) {
            case "none":
                return Pruners.none();
            case "median":
                return Pruners.median(5, 5, 1);
            case "sha":
                return Pruners.successiveHalving(1, 3, 0);
            case "hyperband":
                return Pruners.hyperband(1, 81, 3);
            case "lce":
                return Pruners.learningCurve(81);
            default:
                throw new IllegalArgumentException("unknown pruner '" + spec + "'; use none, median, sha, hyperband"
                        + " or lce");
        }
    }
}
