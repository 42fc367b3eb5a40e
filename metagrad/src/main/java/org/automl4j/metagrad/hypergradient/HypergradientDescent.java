package org.automl4j.metagrad.hypergradient;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Hypergradient descent (Baydin, Cornish, Martinez Rubio, Schmidt and Wood, ICLR 2018): SGD or Adam whose
 * learning rate is itself learned online, by gradient descent on the training loss. After the update
 * {@code theta_t = theta_{t-1} - alpha u_{t-1}} the loss depends on {@code alpha} through it, and
 * <pre>{@code h_t = dL(theta_t)/d alpha = -g_t . u_{t-1}}</pre>
 * where {@code g_t} is the new gradient and {@code u_{t-1}} the previous update direction (the gradient for
 * SGD, {@code m_hat / (sqrt(v_hat) + eps)} for Adam). Each {@link #step} first moves the learning rate,
 * <ul>
 *   <li>{@link Rule#ADDITIVE} (the paper's rule): {@code alpha_t = alpha_{t-1} - beta h_t};</li>
 *   <li>{@link Rule#MULTIPLICATIVE} (the paper's multiplicative variant, normalised):
 *   {@code alpha_t = alpha_{t-1} (1 - beta h_t / (|g_t| |u_{t-1}|))}, i.e. {@code alpha} grows by the factor
 *   {@code 1 + beta cos(g_t, u_{t-1})}: scale-free, so one {@code beta} serves any model and loss;</li>
 * </ul>
 * then updates the parameters in place with the new rate. With {@code hyperLr = 0} it is plain SGD or Adam
 * (the tests check this against DJL's own optimisers).
 *
 * <p><b>Probe warm-up</b> ({@link Options#withProbe}, off by default). Started far above a workable rate, the
 * first few full-size steps ruin a network (ReLUs die, logits saturate) long before the hypergradient, which moves
 * {@code alpha} by a factor {@code 1 +- beta} per step, has brought it down; the rate ends right but the weights
 * are lost. With {@code probeSteps = P > 0} the first {@code P + 1} calls take hypergradient steps while the
 * weights stay anchored at their initial values {@code theta_0}: the first call computes the update direction
 * {@code u_0} there; every call then sees the gradient {@code g_t} at the tentative point
 * {@code theta_0 - alpha u_0} (each on a new minibatch), whose hypergradient {@code h_t = -g_t . u_0} says whether
 * the loss along {@code -u_0} still falls ({@code h < 0}: raise {@code alpha}) or rises again ({@code h > 0}: lower
 * it), and moves the tentative point to the new rate. The steps are taken in log space on the hypergradient's
 * sign, a stochastic bisection: {@code alpha} is multiplied or divided by a factor that starts at 2 and is square
 * rooted at every change of sign (never below {@code 1 + beta}), so it reaches a rate 10x off in about four calls
 * whatever the gradients' scale, and a non-finite gradient counts as "too large". After the last probe call the
 * weights return to {@code theta_0}, Adam's moments restart, and the ordinary rule above takes over from the
 * probed rate. The probe uses {@code P + 1} minibatches of the run's budget; nothing else is added.
 *
 * <p>Works on any list of parameter arrays with their gradients, including a DJL {@code Block}'s
 * parameters after {@code GradientCollector.backward} ({@link #step(ParameterList)}). Not thread-safe; one
 * instance per training run. Close it to free its state arrays.
 */
public final class HypergradientDescent implements AutoCloseable {

    /** The optimiser whose learning rate is adapted. */
    public enum Base {
        /** Plain stochastic gradient descent, direction {@code u = g}. */
        SGD,
        /** Adam (Kingma and Ba 2015) with bias correction, direction {@code u = m_hat / (sqrt(v_hat) + eps)}. */
        ADAM
    }

    /** How the hypergradient moves the learning rate. */
    public enum Rule {
        /** {@code alpha -= beta h}: the paper's rule; {@code beta} depends on the gradients' scale. */
        ADDITIVE,
        /** {@code alpha *= 1 + beta cos(g_t, u_{t-1})}: scale-free; {@code beta} around 0.01-0.05. */
        MULTIPLICATIVE
    }

    /**
     * Settings.
     *
     * @param base      SGD or Adam
     * @param rule      additive or multiplicative
     * @param initialLr the starting learning rate {@code alpha_0}
     * @param hyperLr   the hypergradient step {@code beta} (0: a fixed learning rate)
     * @param beta1     Adam's first-moment decay (ignored for SGD)
     * @param beta2     Adam's second-moment decay (ignored for SGD)
     * @param epsilon   Adam's denominator guard (ignored for SGD)
     * @param minLr     the learning rate never falls below this (keeps it positive)
     * @param maxLr     nor rises above this
     * @param probeSteps hypergradient steps taken with the weights anchored at their start before training
     *                   (see the class comment; 0: none, the paper's algorithm)
     */
    public record Options(Base base, Rule rule, double initialLr, double hyperLr, double beta1, double beta2,
                          double epsilon, double minLr, double maxLr, int probeSteps) {
        public Options {
            if (probeSteps < 0) {
                throw new IllegalArgumentException("probe steps must be >= 0, got " + probeSteps + "; use 0 to turn the"
                        + " probe off");
            }
            if (probeSteps > 0 && hyperLr == 0) {
                throw new IllegalArgumentException("a probe needs a hypergradient step beta > 0 (with beta = 0 the"
                        + " learning rate is fixed); set beta or use probeSteps = 0");
            }
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(rule, "rule");
            if (!(initialLr > 0) || !Double.isFinite(initialLr)) {
                throw new IllegalArgumentException("the initial learning rate must be positive and finite, got " + initialLr);
            }
            if (!(hyperLr >= 0) || !Double.isFinite(hyperLr)) {
                throw new IllegalArgumentException("the hypergradient step (beta) must be >= 0, got " + hyperLr);
            }
            if (rule == Rule.MULTIPLICATIVE && hyperLr >= 1) {
                throw new IllegalArgumentException("the multiplicative rule needs beta < 1 (it scales alpha by 1 +- beta),"
                        + " got " + hyperLr + "; try 0.02");
            }
            if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1 && epsilon > 0)) {
                throw new IllegalArgumentException("Adam needs 0 <= beta1, beta2 < 1 and epsilon > 0, got " + beta1 + ", "
                        + beta2 + ", " + epsilon);
            }
            if (!(minLr > 0 && minLr <= initialLr && initialLr <= maxLr)) {
                throw new IllegalArgumentException("need 0 < minLr <= initialLr <= maxLr, got " + minLr + ", " + initialLr
                        + ", " + maxLr);
            }
        }

        /** Settings without a probe warm-up. */
        public Options(Base base, Rule rule, double initialLr, double hyperLr, double beta1, double beta2, double epsilon,
                       double minLr, double maxLr) {
            this(base, rule, initialLr, hyperLr, beta1, beta2, epsilon, minLr, maxLr, 0);
        }

        /** SGD from {@code lr}, the multiplicative rule with {@code beta}. */
        public static Options sgd(double lr, double beta) {
            return new Options(Base.SGD, Rule.MULTIPLICATIVE, lr, beta, 0.9, 0.999, 1e-8, lr * 1e-4, Math.max(lr * 1e4, 100));
        }

        /** Adam from {@code lr}, the multiplicative rule with {@code beta}. */
        public static Options adam(double lr, double beta) {
            return new Options(Base.ADAM, Rule.MULTIPLICATIVE, lr, beta, 0.9, 0.999, 1e-8, lr * 1e-4, Math.max(lr * 1e4, 1));
        }

        /** A copy with another rule and step {@code beta}. */
        public Options withRule(Rule r, double beta) {
            return new Options(base, r, initialLr, beta, beta1, beta2, epsilon, minLr, maxLr, beta == 0 ? 0 : probeSteps);
        }

        /** A copy with a probe warm-up of {@code steps} hypergradient steps (see the class comment; 0: none). */
        public Options withProbe(int steps) {
            return new Options(base, rule, initialLr, hyperLr, beta1, beta2, epsilon, minLr, maxLr, steps);
        }

        /** A copy with another initial learning rate (and bounds scaled along). */
        public Options withInitialLr(double lr) {
            return new Options(base, rule, lr, hyperLr, beta1, beta2, epsilon, Math.min(minLr, lr), Math.max(maxLr, lr),
                    probeSteps);
        }
    }

    private final Options options;
    private NDManager state;
    private NDList previous;
    private NDList m;
    private NDList v;
    private double lr;
    private double lastHypergradient = Double.NaN;
    private int steps;
    /** Adam's step count for bias correction (restarts after the probe). */
    private int adamSteps;
    /** Probe state: the anchored weights, the probed direction, the bisection factor and the last sign. */
    private NDList anchor;
    private NDList probeDirection;
    private double probeFactor = 2;
    private int probeSign;

    public HypergradientDescent(Options options) {
        this.options = Objects.requireNonNull(options, "options");
        this.lr = options.initialLr();
    }

    /** The settings. */
    public Options options() {
        return options;
    }

    /** The current learning rate (the one the last step used). */
    public double learningRate() {
        return lr;
    }

    /** The last hypergradient {@code h_t = dL/d alpha} (NaN before the second step). */
    public double lastHypergradient() {
        return lastHypergradient;
    }

    /** Whether the next {@link #step} is still part of the probe warm-up (weights anchored at their start). */
    public boolean probing() {
        return steps <= options.probeSteps() && options.probeSteps() > 0;
    }

    /** Steps taken. */
    public int steps() {
        return steps;
    }

    /**
     * Updates a DJL block's parameters from the gradients a {@code GradientCollector.backward} left on them, and
     * zeroes those gradients (as DJL's own optimisers do). Parameters that do not require gradients are skipped.
     *
     * @return the learning rate used
     */
    public double step(ParameterList parameters) {
        List<NDArray> w = new ArrayList<>();
        for (Pair<String, Parameter> p : parameters) {
            NDArray a = p.getValue().getArray();
            if (p.getValue().requiresGradient() && a.hasGradient()) {
                w.add(a);
            }
        }
        if (w.isEmpty()) {
            throw new IllegalArgumentException("no parameter has a gradient: call GradientCollector.backward(loss) before step");
        }
        try (NDManager scope = w.get(0).getManager().newSubManager()) {
            List<NDArray> g = new ArrayList<>(w.size());
            for (NDArray a : w) {
                NDArray grad = a.getGradient();
                grad.attach(scope);
                g.add(grad);
            }
            double used = step(w, g);
            for (NDArray grad : g) {
                grad.subi(grad);
            }
            return used;
        }
    }

    /**
     * One update of {@code weights} in place with {@code gradients} (same order and shapes). The gradient arrays
     * are read, not changed.
     *
     * @return the learning rate used
     * @throws IllegalStateException when a gradient is not finite (training diverged)
     */
    public double step(List<NDArray> weights, List<NDArray> gradients) {
        if (weights.size() != gradients.size() || weights.isEmpty()) {
            throw new IllegalArgumentException(weights.size() + " parameter arrays but " + gradients.size() + " gradients");
        }
        if (state == null) {
            state = weights.get(0).getManager().newSubManager();
        }
        if (probing()) {
            return probe(weights, gradients);
        }
        try (NDManager scope = state.newSubManager()) {
            for (NDArray g : gradients) {
                g.tempAttach(scope);
            }
            for (NDList own : new NDList[] {previous, m, v}) {
                if (own != null) {
                    own.tempAttach(scope);
                }
            }
            if (previous != null) {
                double dot = 0;
                double gg = 0;
                double uu = 0;
                for (int i = 0; i < gradients.size(); i++) {
                    NDArray g = gradients.get(i);
                    NDArray u = previous.get(i);
                    dot += g.mul(u).sum().getFloat();
                    if (options.rule() == Rule.MULTIPLICATIVE) {
                        gg += g.square().sum().getFloat();
                        uu += u.square().sum().getFloat();
                    }
                }
                if (!Double.isFinite(dot)) {
                    throw new IllegalStateException("the gradient is not finite at step " + steps + " (learning rate " + lr
                            + "): training diverged; start from a smaller learning rate");
                }
                double h = -dot;
                lastHypergradient = h;
                double next;
                if (options.rule() == Rule.ADDITIVE) {
                    next = lr - options.hyperLr() * h;
                } else {
                    double norm = Math.sqrt(gg) * Math.sqrt(uu);
                    next = norm > 0 ? lr * (1 - options.hyperLr() * h / norm) : lr;
                }
                lr = Math.min(options.maxLr(), Math.max(options.minLr(), next));
            }
            NDList direction = direction(gradients, scope);
            for (int i = 0; i < weights.size(); i++) {
                NDArray w = weights.get(i);
                w.subi(direction.get(i).mul((float) lr));
            }
            direction.attach(state);
            NDList old = previous;
            previous = direction;
            if (old != null) {
                old.attach(scope); // closed with the scope
            }
        }
        steps++;
        return lr;
    }

    /** One call of the probe warm-up (see the class comment). */
    private double probe(List<NDArray> weights, List<NDArray> gradients) {
        try (NDManager scope = state.newSubManager()) {
            for (NDArray g : gradients) {
                g.tempAttach(scope);
            }
            if (steps == 0) {
                anchor = new NDList(weights.size());
                for (NDArray w : weights) {
                    anchor.add(w.duplicate());
                }
                anchor.attach(state);
                probeDirection = direction(gradients, scope);
                probeDirection.attach(state);
                adamSteps = 0;
            } else {
                anchor.tempAttach(scope);
                probeDirection.tempAttach(scope);
                double dot = 0;
                for (int i = 0; i < gradients.size(); i++) {
                    dot += gradients.get(i).mul(probeDirection.get(i)).sum().getFloat();
                }
                // the loss along -u_0 still falls at the tentative point (dot > 0): the rate is too small
                int sign = Double.isFinite(dot) ? (dot > 0 ? 1 : -1) : -1;
                lastHypergradient = Double.isFinite(dot) ? -dot : Double.POSITIVE_INFINITY;
                if (probeSign != 0 && sign != probeSign) {
                    probeFactor = Math.max(1 + options.hyperLr(), Math.sqrt(probeFactor));
                }
                probeSign = sign;
                double next = sign > 0 ? lr * probeFactor : lr / probeFactor;
                lr = Math.min(options.maxLr(), Math.max(options.minLr(), next));
            }
            boolean last = steps == options.probeSteps();
            for (int i = 0; i < weights.size(); i++) {
                NDArray w = weights.get(i);
                w.subi(w);
                w.addi(anchor.get(i));
                if (!last) {
                    w.subi(probeDirection.get(i).mul((float) lr));
                }
            }
            if (last) {
                anchor.attach(scope);
                probeDirection.attach(scope);
                anchor = null;
                probeDirection = null;
                if (m != null) {
                    m.attach(scope);
                    v.attach(scope);
                    m = null;
                    v = null;
                }
                adamSteps = 0;
            }
        }
        steps++;
        return lr;
    }

    private NDList direction(List<NDArray> gradients, NDManager scope) {
        NDList out = new NDList(gradients.size());
        if (options.base() == Base.SGD) {
            for (NDArray g : gradients) {
                out.add(g.duplicate());
            }
            return out;
        }
        if (m == null) {
            m = new NDList();
            v = new NDList();
            for (NDArray g : gradients) {
                m.add(g.zerosLike());
                v.add(g.zerosLike());
            }
            // owned by state; lent to the scope so that arrays computed from them are temporaries
            m.attach(state);
            m.tempAttach(scope);
            v.attach(state);
            v.tempAttach(scope);
        }
        float b1 = (float) options.beta1();
        float b2 = (float) options.beta2();
        adamSteps++;
        double c1 = 1 - Math.pow(options.beta1(), adamSteps);
        double c2 = 1 - Math.pow(options.beta2(), adamSteps);
        for (int i = 0; i < gradients.size(); i++) {
            NDArray g = gradients.get(i);
            m.get(i).muli(b1).addi(g.mul(1 - b1));
            v.get(i).muli(b2).addi(g.square().mul(1 - b2));
            NDArray mHat = m.get(i).div((float) c1);
            NDArray vHat = v.get(i).div((float) c2);
            out.add(mHat.div(vHat.sqrt().add((float) options.epsilon())));
        }
        return out;
    }

    @Override
    public void close() {
        if (state != null) {
            state.close();
            state = null;
        }
        previous = null;
        m = null;
        v = null;
        anchor = null;
        probeDirection = null;
    }
}
