package org.automl4j.sampler.auto;

import java.util.List;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.automl4j.sampler.Sampler;
import org.automl4j.space.CategoricalDistribution;
import org.automl4j.space.Distribution;
import org.automl4j.study.TrialFeed;
import org.automl4j.study.StudyView;
import org.automl4j.trial.FrozenTrial;

/**
 * The sampler a study gets when the user names none. For each new trial it looks at the study and
 * delegates the whole trial to one sampler:
 * <ol>
 *   <li>several objectives: NSGA-II;</li>
 *   <li>a conditional space (some parameters absent from some trials) or one with categoricals (by
 *       default any; {@code maxCategoricalShare} raises the bar): the structured-space sampler, SMAC's
 *       random forest by default (on the benchmark's mixed and conditional spaces it beat TPE and GP-BO:
 *       median regret 0.027 and 7e-6 at 200 trials, GP-BO 0.75 and 4e-4);</li>
 *   <li>otherwise (mostly numeric): Gaussian-process BO while the study has fewer than
 *       {@code gpTrials} finished trials and at most {@code gpMaxDimensions} parameters; then CMA-ES,
 *       which starts from the best trials found so far (so the switch keeps the progress made).</li>
 * </ol>
 * The first trial, before anything is known of the space, goes to the GP sampler (its initial design
 * is scrambled Sobol). Every delegate learns from the whole history, whoever produced it.
 *
 * <p>Deterministic for a seed in sequential runs; thread-safe.
 */
public final class AutoSampler implements Sampler {

    /**
     * When the automatic sampler switches.
     *
     * @param gpTrials            GP-BO is used while fewer trials than this have finished (numeric spaces)
     * @param gpMaxDimensions     GP-BO only for at most this many parameters
     * @param maxCategoricalShare at or above this share of categorical parameters the structured-space sampler (SMAC's
     *                            random forest by default) is used (0: any categorical)
     */
    public record Options(int gpTrials, int gpMaxDimensions, double maxCategoricalShare) {

        /** @throws IllegalArgumentException on a negative count or a share outside [0, 1] */
        public Options {
            if (gpTrials < 0 || gpMaxDimensions < 0) {
                throw new IllegalArgumentException("gpTrials and gpMaxDimensions must be >= 0, but got " + gpTrials
                        + " and " + gpMaxDimensions);
            }
            if (!(maxCategoricalShare >= 0 && maxCategoricalShare <= 1)) {
                throw new IllegalArgumentException("maxCategoricalShare must be in [0, 1], but got "
                        + maxCategoricalShare);
            }
        }

        /** The defaults (see bench/results for how they were chosen). */
        public static Options defaults() {
            return new Options(200, 20, 0.0);
        }
    }

    private final Options options;
    private final Sampler gp;
    private final Sampler cmaes;
    private final Sampler structured;
    private final Sampler nsga2;
    private final Map<Integer, Sampler> chosen = new ConcurrentHashMap<>();

    // What is known of the space, from the finished trials (guarded by this).
    private final TrialFeed feed = new TrialFeed();
    private int finished;
    private final Map<String, Distribution> union = new LinkedHashMap<>();
    private Set<String> intersection;

    /** An automatic sampler over the given delegates ({@code structured}: for conditional or categorical spaces). */
    public AutoSampler(Options options, Sampler gp, Sampler cmaes, Sampler structured, Sampler nsga2) {
        this.options = Objects.requireNonNull(options, "options");
        this.gp = Objects.requireNonNull(gp, "gp");
        this.cmaes = Objects.requireNonNull(cmaes, "cmaes");
        this.structured = Objects.requireNonNull(structured, "structured");
        this.nsga2 = Objects.requireNonNull(nsga2, "nsga2");
    }

    /** The delegate the rule picks for the next trial of {@code study}. */
    synchronized Sampler choose(StudyView study) {
        if (study.isMultiObjective()) {
            return nsga2;
        }
        List<FrozenTrial> fresh = feed.next(study);
        for (FrozenTrial t : fresh) {
            if (t.params().isEmpty()) {
                continue;
            }
            finished++;
            union.putAll(t.distributions());
            if (intersection == null) {
                intersection = new LinkedHashSet<>(t.params().keySet());
            } else {
                intersection.retainAll(t.params().keySet());
            }
        }
        if (intersection == null) {
            return gp;
        }
        long categorical = union.values().stream().filter(d -> d instanceof CategoricalDistribution).count();
        boolean conditional = intersection.size() < union.size();
        if (conditional || categorical >= options.maxCategoricalShare() * union.size() && categorical > 0) {
            return structured;
        }
        if (finished < options.gpTrials() && union.size() <= options.gpMaxDimensions()) {
            return gp;
        }
        return cmaes;
    }

    private Sampler of(FrozenTrial trial) {
        Sampler s = chosen.get(trial.number());
        return s != null ? s : structured;
    }

    @Override
    public void beforeTrial(StudyView study, FrozenTrial trial) {
        Sampler s = choose(study);
        chosen.put(trial.number(), s);
        s.beforeTrial(study, trial);
    }

    @Override
    public Map<String, Distribution> inferRelativeSearchSpace(StudyView study, FrozenTrial trial) {
        return of(trial).inferRelativeSearchSpace(study, trial);
    }

    @Override
    public Map<String, Double> sampleRelative(StudyView study, FrozenTrial trial, Map<String, Distribution> space) {
        return of(trial).sampleRelative(study, trial, space);
    }

    @Override
    public double sampleIndependent(StudyView study, FrozenTrial trial, String name, Distribution distribution) {
        return of(trial).sampleIndependent(study, trial, name, distribution);
    }

    @Override
    public void afterTrial(StudyView study, FrozenTrial trial) {
        Sampler s = chosen.remove(trial.number());
        (s != null ? s : structured).afterTrial(study, trial);
    }

    /** Which delegate handled a running trial (for logs and tests). */
    String delegateOf(int trialNumber) {
        Sampler s = chosen.get(trialNumber);
        return s == gp ? "gp" : s == cmaes ? "cmaes" : s == structured ? "structured" : s == nsga2 ? "nsga2" : "none";
    }

    @Override
    public String describe() {
        return "AutoSampler(" + options + ": gp=" + gp.describe() + ", cmaes=" + cmaes.describe() + ", structured="
                + structured.describe() + ", nsga2=" + nsga2.describe() + ")";
    }
}
