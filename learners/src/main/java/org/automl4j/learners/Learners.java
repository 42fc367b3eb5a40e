package org.automl4j.learners;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.automl4j.data.Task;
import org.automl4j.learners.boosting.BoostingLearners;
import org.automl4j.learners.knn.KnnLearners;
import org.automl4j.learners.linear.LinearLearners;
import org.automl4j.learners.svm.SvmLearners;
import org.automl4j.learners.tree.TreeLearners;

/**
 * The registry of built-in learners, by name, and the entry point for loading saved models.
 * Immutable and thread-safe: the list (built-ins, then those of any {@link LearnerProvider} on the class
 * path) is fixed when this class loads.
 */
public final class Learners {

    private static final List<Learner> ALL = withProvided(
            LinearLearners.logistic(),
            LinearLearners.linear(),
            SvmLearners.svm(),
            KnnLearners.knn(),
            TreeLearners.decisionTree(),
            TreeLearners.randomForest(),
            TreeLearners.extraTrees(),
            BoostingLearners.xgboost(),
            BoostingLearners.lightgbm(),
            BoostingLearners.lightgbmRandomForest(),
            BoostingLearners.lightgbmExtraTrees());

    /** The built-in learners followed by those of every {@link LearnerProvider} on the class path. */
    private static List<Learner> withProvided(Learner... builtIn) {
        List<Learner> all = new ArrayList<>(List.of(builtIn));
        java.util.Set<String> names = new java.util.HashSet<>();
        all.forEach(l -> names.add(l.name()));
        for (LearnerProvider p : java.util.ServiceLoader.load(LearnerProvider.class, Learners.class.getClassLoader())) {
            for (Learner l : p.learners()) {
                if (!names.add(l.name())) {
                    throw new IllegalStateException("two learners are called '" + l.name() + "' (one from "
                            + p.getClass().getName() + "); remove one of the modules from the class path");
                }
                all.add(l);
            }
        }
        return List.copyOf(all);
    }

    private Learners() {
    }

    /** Every learner, in a fixed order (simple to strong). */
    public static List<Learner> all() {
        return ALL;
    }

    /** The names of every learner, in the order of {@link #all()}. */
    public static List<String> names() {
        return ALL.stream().map(Learner::name).toList();
    }

    /**
     * The learner called {@code name}.
     *
     * @throws IllegalArgumentException if there is none; the message lists the known names
     */
    public static Learner byName(String name) {
        Objects.requireNonNull(name, "name");
        for (Learner l : ALL) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        throw new IllegalArgumentException("no learner named '" + name + "'; known: " + names());
    }

    /** The learners that support {@code task}, in the order of {@link #all()}. */
    public static List<Learner> forTask(Task task) {
        Objects.requireNonNull(task, "task");
        List<Learner> out = new ArrayList<>();
        for (Learner l : ALL) {
            if (l.supports(task)) {
                out.add(l);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Reads a model saved with {@link Model#toBytes()} by a model of learner {@code learner}.
     * Never runs Java object deserialisation; library models of a type the learner does not produce
     * are refused.
     *
     * @throws IllegalArgumentException on an unknown learner, or bytes that are not such a model
     */
    public static Model load(String learner, byte[] bytes) {
        return byName(learner).load(Objects.requireNonNull(bytes, "bytes"));
    }
}
