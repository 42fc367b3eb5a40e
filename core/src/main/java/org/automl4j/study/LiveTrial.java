package org.automl4j.study;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.automl4j.budget.Budget;
import org.automl4j.checkpoint.Checkpoint;
import org.automl4j.space.CategoricalDistribution;
import org.automl4j.space.Distribution;
import org.automl4j.space.FloatDistribution;
import org.automl4j.space.IntDistribution;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.Trial;
import org.automl4j.trial.TrialState;

/** The {@link Trial} a study hands to objectives and to ask/tell users. Not thread-safe. */
final class LiveTrial implements Trial {

    /** System attribute holding an enqueued trial's fixed parameters. */
    static final String FIXED_PARAMS = "fixed_params";

    private final Study study;
    private final FrozenTrial base;
    private final Map<String, Object> fixedParams;
    private Map<String, Distribution> relativeSpace = Map.of();
    private Map<String, Double> relativeParams = Map.of();
    private final LinkedHashMap<String, Object> params = new LinkedHashMap<>();
    private final LinkedHashMap<String, Distribution> distributions = new LinkedHashMap<>();
    private final TreeMap<Long, Double> intermediate = new TreeMap<>();
    private final LinkedHashMap<String, Object> userAttrs = new LinkedHashMap<>();
    private Instant clockStart;

    @SuppressWarnings("unchecked")
    LiveTrial(Study study, FrozenTrial base) {
        this.study = study;
        this.base = base;
        Object fixed = base.systemAttrs().get(FIXED_PARAMS);
        this.fixedParams = fixed instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        params.putAll(base.params());
        distributions.putAll(base.distributions());
        intermediate.putAll(base.intermediateValues());
        userAttrs.putAll(base.userAttrs());
        clockStart = study.resources().clock().instant();
    }

    /** The name of the study that handed this trial out. */
    String studyName() {
        return study.name();
    }

    /** Restarts the trial's wall clock (after sampling, just before the objective runs). */
    void startClock() {
        clockStart = study.resources().clock().instant();
    }

    void setRelative(Map<String, Distribution> space, Map<String, Double> values) {
        this.relativeSpace = space;
        this.relativeParams = values;
    }

    @Override
    public int number() {
        return base.number();
    }

    @Override
    public Object suggest(String name, Distribution distribution) {
        Objects.requireNonNull(name, "parameter name");
        Objects.requireNonNull(distribution, "distribution");
        Distribution previous = distributions.get(name);
        if (previous != null) {
            if (!previous.equals(distribution)) {
                throw new IllegalArgumentException("trial " + number() + ": parameter '" + name
                        + "' was suggested before as " + previous + " and now as " + distribution
                        + "; a name must keep one distribution within a trial: suggest it the same way, or rename one of them");
            }
            return params.get(name);
        }
        double internal;
        if (fixedParams.containsKey(name)) {
            Object v = fixedParams.get(name);
            if (!distribution.contains(v)) {
                throw new IllegalArgumentException("trial " + number() + ": the enqueued value " + describe(v)
                        + " of parameter '" + name + "' is not a value of " + distribution + "; "
                        + enqueueHint(distribution, v));
            }
            internal = distribution.toInternal(v);
        } else if (relativeParams.containsKey(name) && distribution.equals(relativeSpace.get(name))) {
            internal = relativeParams.get(name);
        } else if (distribution.isSingle()) {
            internal = singleValue(distribution);
        } else {
            internal = study.sampler().sampleIndependent(study, snapshot(), name, distribution);
        }
        if (!distribution.containsInternal(internal)) {
            throw new IllegalStateException("sampler " + study.sampler().describe() + " returned internal value "
                    + internal + " for parameter '" + name + "', outside " + distribution + "; this is a sampler bug");
        }
        Object value = distribution.toExternal(internal);
        study.storage().setTrialParam(study.name(), number(), name, distribution, value);
        params.put(name, value);
        distributions.put(name, distribution);
        return value;
    }

    /**
     * Checks parameters to enqueue in study {@code study}: named, and each a number, string or boolean (what
     * distributions take), so a mistake is reported when it is made rather than when a worker runs the trial.
     *
     * @throws IllegalArgumentException naming the parameter and what to enqueue instead
     */
    static void checkEnqueued(String study, Map<String, Object> params) {
        for (Map.Entry<String, Object> e : params.entrySet()) {
            if (e.getKey() == null) {
                throw new IllegalArgumentException("study '" + study + "': an enqueued parameter has no name (null key,"
                        + " value " + describe(e.getValue()) + "); name it as the objective suggests it");
            }
            Object v = e.getValue();
            if (!(v instanceof Number || v instanceof String || v instanceof Boolean)) {
                throw new IllegalArgumentException("study '" + study + "': enqueued parameter '" + e.getKey() + "' is "
                        + describe(v) + "; enqueue a number, string or boolean, as the parameter's distribution takes");
            }
        }
    }

    /**
     * The parameters to run {@code t}'s configuration again: those it was enqueued with ({@link #FIXED_PARAMS}),
     * including any it stopped before suggesting, then those it suggested.
     */
    static Map<String, Object> configurationOf(FrozenTrial t) {
        Map<String, Object> fixed = new LinkedHashMap<>();
        if (t.systemAttrs().get(FIXED_PARAMS) instanceof Map<?, ?> enqueued) {
            enqueued.forEach((k, v) -> fixed.put(String.valueOf(k), v));
        }
        fixed.putAll(t.params());
        return Collections.unmodifiableMap(fixed);
    }

    /**
     * Whether trial {@code t} was enqueued with, or else ran with, exactly {@code params}: the same names, numbers
     * equal as doubles (so 3 and 3.0 match), other values equal.
     */
    static boolean hasParams(FrozenTrial t, Map<String, Object> params) {
        Map<?, ?> theirs = t.systemAttrs().get(FIXED_PARAMS) instanceof Map<?, ?> fixed ? fixed : t.params();
        if (!theirs.keySet().equals(params.keySet())) {
            return false;
        }
        for (Map.Entry<String, Object> e : params.entrySet()) {
            Object a = e.getValue();
            Object b = theirs.get(e.getKey());
            boolean same = a instanceof Number x && b instanceof Number y
                    ? Double.compare(x.doubleValue(), y.doubleValue()) == 0 : Objects.equals(a, b);
            if (!same) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Object v) {
        return v == null ? "null" : v instanceof String str ? "\"" + str + "\" (String)"
                : v + " (" + v.getClass().getSimpleName() + ")";
    }

    /** How to enqueue a value that {@code d} takes, for a value {@code v} it does not. */
    private static String enqueueHint(Distribution d, Object v) {
        if (d instanceof CategoricalDistribution c) {
            return "enqueue one of the choices " + c.choices();
        }
        if (!(v instanceof Number)) {
            return "enqueue a number (" + (d instanceof IntDistribution ? "an Integer" : "a Double") + ")"
                    + (v instanceof String ? ", not its text" : "");
        }
        if (d instanceof IntDistribution && ((Number) v).doubleValue() != Math.rint(((Number) v).doubleValue())) {
            return "an int parameter takes a whole number; enqueue an Integer in the range";
        }
        double x = ((Number) v).doubleValue();
        if (Double.isNaN(x)) {
            return "enqueue a number inside the distribution, not NaN";
        }
        org.automl4j.internal.ParamTransform t = org.automl4j.internal.ParamTransform.of(d);
        double lowest = t.denormalize(0);
        double highest = t.denormalize(1);
        double nearest = t.denormalize(t.normalize(Math.max(lowest, Math.min(highest, x))));
        return "enqueue a value inside the distribution, such as the nearest one: " + d.toExternal(nearest);
    }

    private static double singleValue(Distribution d) {
        if (d instanceof FloatDistribution f) {
            return f.low();
        } else if (d instanceof IntDistribution i) {
            return i.low();
        } else if (d instanceof CategoricalDistribution) {
            return 0;
        }
        throw new AssertionError(d);
    }

    @Override
    public void report(long step, double value) {
        if (step < 0) {
            throw new IllegalArgumentException("trial " + number() + ": reported step " + step + " is negative;"
                    + " steps count from 0 (pruners never judge a negative one): report at the epoch, iteration or"
                    + " budget step reached, e.g. report(epoch, value) with epochs counted from 0 or 1");
        }
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("trial " + number() + ": reported value at step " + step
                    + " is NaN; report a number, or throw TrialPrunedException to stop the trial");
        }
        if (intermediate.containsKey(step)) {
            return;
        }
        study.storage().setTrialIntermediateValue(study.name(), number(), step, value);
        intermediate.put(step, value);
    }

    @Override
    public boolean shouldPrune() {
        return study.pruner().shouldPrune(study, snapshot());
    }

    @Override
    public Optional<Budget> budget() {
        return Optional.ofNullable(study.resources().budget());
    }

    @Override
    public List<Double> budgetSchedule() {
        List<Double> levels = study.pruner().budgetLevels(study, number());
        Budget b = study.resources().budget();
        if (!levels.isEmpty()) {
            if (b != null && study.pruner().budget().isEmpty()) {
                // the pruner's levels are steps (e.g. Hyperband with a max resource): as amounts of the study's budget
                return levels.stream().map(step -> b.toAmount(Math.round(step))).toList();
            }
            return levels;
        }
        if (b == null) {
            return Trial.super.budgetSchedule();
        }
        return b.defaultSchedule();
    }

    @Override
    public Duration elapsed() {
        return Duration.between(clockStart, study.resources().clock().instant());
    }

    @Override
    public void saveCheckpoint(long step, byte[] state) {
        Objects.requireNonNull(state, "state");
        if (step < 0) {
            throw new IllegalArgumentException("trial " + number() + ": checkpoint step must be >= 0, but got "
                    + step + "; save at the step (epoch, budget step) the state was reached at");
        }
        if (study.resources().checkpoints() != null) {
            study.resources().checkpoints().save(study.name(), number(), step, state);
        }
    }

    @Override
    public Optional<Checkpoint> checkpoint() {
        return study.resources().resolve(study, base);
    }

    @Override
    public void setUserAttr(String key, Object value) {
        Objects.requireNonNull(key, "key");
        study.storage().setTrialUserAttr(study.name(), number(), key, value);
        userAttrs.put(key, value);
    }

    @Override
    public Map<String, Object> params() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    @Override
    public Map<String, Object> userAttrs() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(userAttrs));
    }

    /** The trial as it is now, as a RUNNING snapshot. */
    FrozenTrial snapshot() {
        return new FrozenTrial(base.number(), TrialState.RUNNING, base.values(), params, distributions,
                intermediate, userAttrs, base.systemAttrs(), base.start(), null, null);
    }

    @Override
    public String toString() {
        return "Trial#" + number() + params;
    }
}
