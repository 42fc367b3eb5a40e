package org.automl4j.bench;

import org.automl4j.pruner.Pruner;
import org.automl4j.pruner.Pruners;

/** Pruner names used on the benchmark command line. */
final class PrunerSpecs {
    private PrunerSpecs() {
    }

    static Pruner create(String spec) {
        switch (spec.trim()) {
            case "none":
                return Pruners.none();
            default:
                throw new IllegalArgumentException("unknown pruner '" + spec + "'; use none");
        }
    }
}
