package org.automl4j.metagrad.fewshot;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.automl4j.metagrad.nn.Loss;
import org.automl4j.metagrad.nn.Weights;

/**
 * A learned initialisation: the weights to start adaptation from, with how to adapt them (the inner learning
 * rate and steps used in meta-training) and how to feed them (raw inputs are multiplied by
 * {@code inputScale}). Saved and loaded by {@link MetaInitFile}.
 *
 * @param weights    the initial network
 * @param loss       MSE (regression) or softmax cross-entropy (N-way classification, N = outputs)
 * @param innerLr    adaptation SGD learning rate (finite, > 0)
 * @param innerSteps adaptation steps used in meta-training
 * @param inputScale factor applied to raw input features before the network (1 for none)
 * @param info       free-form provenance (family, algorithm, iterations, seed, ...); {@value #PROTOTYPE_HEAD}{@code =true}
 *                   asks adaptation for a prototype head
 * @param innerRates per-parameter adaptation learning rates learned by Meta-SGD, same shape as {@code weights}
 *                   (adaptation steps {@code rate * gradient}); null when one rate, {@code innerLr}, serves all
 */
public record MetaInit(Weights weights, Loss loss, double innerLr, int innerSteps, double inputScale,
                       Map<String, String> info, Weights innerRates) {
    public MetaInit {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(loss, "loss");
        if (innerRates != null && !innerRates.spec().equals(weights.spec())) {
            throw new IllegalArgumentException("inner rates of a " + innerRates.spec().describe() + " network given with a "
                    + weights.spec().describe() + " initialisation; they must have the same shape");
        }
        info = java.util.Collections.unmodifiableMap(new TreeMap<>(info));
        if (!(innerLr > 0) || Double.isInfinite(innerLr) || innerSteps < 0 || !(inputScale > 0) || !Double.isFinite(inputScale)) {
            throw new IllegalArgumentException("bad initialisation settings: inner lr " + innerLr + ", steps " + innerSteps
                    + ", input scale " + inputScale);
        }
    }

    /**
     * The {@link #info} key that marks a Proto-MAML initialisation ({@code true}): adaptation starts each task's
     * output layer from its support set's class prototypes ({@link MetaOptions#prototypeHead()}).
     */
    public static final String PROTOTYPE_HEAD = "prototype_head";

    /** Whether adaptation should start from a prototype head (info {@value #PROTOTYPE_HEAD} is {@code true}). */
    public boolean prototypeHead() {
        return Boolean.parseBoolean(info.get(PROTOTYPE_HEAD));
    }

    /** An initialisation adapted with one learning rate, {@code innerLr}. */
    public MetaInit(Weights weights, Loss loss, double innerLr, int innerSteps, double inputScale, Map<String, String> info) {
        this(weights, loss, innerLr, innerSteps, inputScale, info, null);
    }

    /** A copy with {@code inputScale} replaced. */
    public MetaInit withInputScale(double scale) {
        return new MetaInit(weights, loss, innerLr, innerSteps, scale, info, innerRates);
    }

    /** A copy with {@code more} added to the provenance. */
    public MetaInit withInfo(Map<String, String> more) {
        Map<String, String> m = new TreeMap<>(info);
        m.putAll(more);
        return new MetaInit(weights, loss, innerLr, innerSteps, inputScale, m, innerRates);
    }
}
