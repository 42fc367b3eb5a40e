package org.automl4j.metagrad.fewshot;

import java.util.List;
import java.util.Objects;
import org.automl4j.metagrad.nn.Activation;

/**
 * Settings of one meta-training run.
 *
 * @param algorithm  Reptile, first-order MAML or MAML
 * @param hidden     hidden layer widths of the MLP (the paper's sinusoid network is 40, 40)
 * @param activation hidden activation
 * @param iterations meta-iterations (outer updates)
 * @param metaBatch  tasks per meta-iteration
 * @param innerSteps SGD steps on each task's support set during meta-training
 * @param innerLr    the inner (adaptation) SGD learning rate, alpha; adaptation later uses the same by default
 * @param metaLr     the outer step: Adam's learning rate for (FO)MAML, the initial Reptile step eps
 * @param zeroHead   keep the output layer at zero (not meta-learned): every task starts from uniform predictions,
 *                   which suits classification, where a task's class numbering is random (Ye and Chao 2022
 *                   learn one head shared by all classes for the same reason)
 * @param learnedRates Meta-SGD (Li, Zhou, Chen and Li 2017): every parameter gets its own inner learning rate,
 *                   started at {@code innerLr} and meta-learned with the initialisation (MAML only: the rates'
 *                   meta-gradient flows through the inner steps); adaptation then steps {@code rate * gradient}
 * @param prototypeHead Proto-MAML (Triantafillou et al. 2020): each task's output layer starts from its support
 *                   set's class prototypes in the last hidden layer ({@code BatchedMlp.withPrototypeHead}) instead of
 *                   the learned head, which is kept at zero; only the body is meta-learned. First-order MAML then
 *                   still differentiates the prototype head with respect to the body (the paper's fo-Proto-MAML),
 *                   MAML differentiates everything, Reptile moves the body only. Classification only.
 */
public record MetaOptions(Algorithm algorithm, List<Integer> hidden, Activation activation, int iterations, int metaBatch,
                          int innerSteps, double innerLr, double metaLr, boolean zeroHead, boolean learnedRates,
                          boolean prototypeHead) {

    public MetaOptions {
        if (learnedRates && algorithm != Algorithm.MAML) {
            throw new IllegalArgumentException("learned per-parameter inner rates (Meta-SGD) need the MAML algorithm, whose"
                    + " meta-gradient flows through the inner steps; got " + algorithm + "; use MAML or turn the rates off");
        }
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(activation, "activation");
        hidden = List.copyOf(hidden);
        if (iterations < 0 || metaBatch < 1 || innerSteps < 1) {
            throw new IllegalArgumentException("need iterations >= 0, meta-batch >= 1 and inner steps >= 1, but got "
                    + iterations + ", " + metaBatch + ", " + innerSteps);
        }
        if (!(innerLr > 0) || !(metaLr > 0) || !Double.isFinite(innerLr) || !Double.isFinite(metaLr)) {
            throw new IllegalArgumentException("learning rates must be positive and finite, but got inner " + innerLr
                    + " and meta " + metaLr);
        }
    }

    /**
     * Defaults for the sinusoid family: Finn et al.'s 40-40 ReLU network and inner rate 0.01 for every algorithm
     * (Reptile with 10 inner steps and eps from 1 to 0; (FO)MAML with one inner step and Adam at 0.001), 10 tasks
     * per batch. Reptile at inner rate 0.02 diverged on some seeds.
     */
    public static MetaOptions sinusoid(Algorithm algorithm, int iterations) {
        return switch (algorithm) {
            case REPTILE -> new MetaOptions(algorithm, List.of(40, 40), Activation.RELU, iterations, 10, 10, 0.01, 1.0, false);
            case FOMAML, MAML -> new MetaOptions(algorithm, List.of(40, 40), Activation.RELU, iterations, 10, 1, 0.01, 0.001, false);
        };
    }

    /**
     * Defaults for few-shot digit classification: 64-64 ReLU network with a zero head, 10 tasks per batch; Reptile
     * 10 inner steps at 0.2, first-order MAML 5 at 0.2, MAML one step at 0.4 as in Finn et al.'s Omniglot runs. (MAML
     * through 5 steps once "diverged" here: that was a use-after-free of DJL's scalar operands in the backward pass,
     * fixed in {@code BatchedMlp}; it now trains.)
     */
    public static MetaOptions digits(Algorithm algorithm, int iterations) {
        return switch (algorithm) {
            case REPTILE -> new MetaOptions(algorithm, List.of(64, 64), Activation.RELU, iterations, 10, 10, 0.2, 1.0, true);
            case FOMAML -> new MetaOptions(algorithm, List.of(64, 64), Activation.RELU, iterations, 10, 5, 0.2, 0.001, true);
            case MAML -> new MetaOptions(algorithm, List.of(64, 64), Activation.RELU, iterations, 10, 1, 0.4, 0.001, true);
        };
    }

    /** Settings with one inner learning rate for every parameter (no Meta-SGD) and no prototype head. */
    public MetaOptions(Algorithm algorithm, List<Integer> hidden, Activation activation, int iterations, int metaBatch,
                       int innerSteps, double innerLr, double metaLr, boolean zeroHead) {
        this(algorithm, hidden, activation, iterations, metaBatch, innerSteps, innerLr, metaLr, zeroHead, false, false);
    }

    /** Settings without a prototype head. */
    public MetaOptions(Algorithm algorithm, List<Integer> hidden, Activation activation, int iterations, int metaBatch,
                       int innerSteps, double innerLr, double metaLr, boolean zeroHead, boolean learnedRates) {
        this(algorithm, hidden, activation, iterations, metaBatch, innerSteps, innerLr, metaLr, zeroHead, learnedRates,
                false);
    }

    /** A copy with another algorithm (learned rates are dropped unless it is MAML). */
    public MetaOptions withAlgorithm(Algorithm a) {
        return new MetaOptions(a, hidden, activation, iterations, metaBatch, innerSteps, innerLr, metaLr, zeroHead,
                learnedRates && a == Algorithm.MAML, prototypeHead);
    }

    /** A copy with another number of iterations. */
    public MetaOptions withIterations(int n) {
        return new MetaOptions(algorithm, hidden, activation, n, metaBatch, innerSteps, innerLr, metaLr, zeroHead, learnedRates,
                prototypeHead);
    }

    /** A copy with other inner-loop settings. */
    public MetaOptions withInner(int steps, double lr) {
        return new MetaOptions(algorithm, hidden, activation, iterations, metaBatch, steps, lr, metaLr, zeroHead, learnedRates,
                prototypeHead);
    }

    /** A copy with per-parameter inner learning rates meta-learned (Meta-SGD; MAML only) or not. */
    public MetaOptions withLearnedRates(boolean on) {
        return new MetaOptions(algorithm, hidden, activation, iterations, metaBatch, innerSteps, innerLr, metaLr, zeroHead, on,
                prototypeHead);
    }

    /**
     * A copy with the Proto-MAML prototype head on or off ({@link #prototypeHead()}); on also keeps the learned head
     * at zero.
     */
    public MetaOptions withPrototypeHead(boolean on) {
        return new MetaOptions(algorithm, hidden, activation, iterations, metaBatch, innerSteps, innerLr, metaLr,
                zeroHead || on, learnedRates, on);
    }
}
