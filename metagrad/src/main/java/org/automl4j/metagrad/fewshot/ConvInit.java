package org.automl4j.metagrad.fewshot;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.automl4j.metagrad.nn.ConvWeights;

/**
 * A meta-learned convolutional body ({@link ConvFewShot#metaTrain}): adaptation starts each new task's output layer
 * from its support set's prototypes, then takes SGD steps at {@code adaptLr}. Saved and loaded by
 * {@link MetaInitFile} (format version 2).
 *
 * @param weights    the body (its output layer is zero and unused: each task brings its prototypes)
 * @param adaptLr    adaptation SGD learning rate (finite, > 0)
 * @param innerSteps inner steps used in meta-training (0: a prototypical network)
 * @param inputScale factor applied to raw pixel values before the network (1 for none)
 * @param info       free-form provenance (family, iterations, seed, ...)
 */
public record ConvInit(ConvWeights weights, double adaptLr, int innerSteps, double inputScale, Map<String, String> info) {
    public ConvInit {
        Objects.requireNonNull(weights, "weights");
        info = java.util.Collections.unmodifiableMap(new TreeMap<>(info));
        if (!(adaptLr > 0) || Double.isInfinite(adaptLr) || innerSteps < 0 || !(inputScale > 0) || !Double.isFinite(inputScale)) {
            throw new IllegalArgumentException("bad initialisation settings: adaptation lr " + adaptLr + ", inner steps "
                    + innerSteps + ", input scale " + inputScale);
        }
    }

    /** Classes per task (the output layer's width). */
    public int ways() {
        return weights.spec().outputs();
    }

    /** Pixels per input row ({@code side * side}). */
    public int inputs() {
        return weights.spec().side() * weights.spec().side();
    }
}
