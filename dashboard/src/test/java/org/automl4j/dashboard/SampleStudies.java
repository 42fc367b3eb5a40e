package org.automl4j.dashboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.automl4j.space.CategoricalDistribution;
import org.automl4j.space.FloatDistribution;
import org.automl4j.space.IntDistribution;
import org.automl4j.storage.Storage;
import org.automl4j.study.Direction;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialFailure;
import org.automl4j.trial.TrialState;

/** Seeded studies for the dashboard's tests: what each holds is known exactly. */
final class SampleStudies {

    static final String HPO = "hpo-50";
    static final String MULTI = "two-objectives";
    static final String AUTOML = "automl-run";
    static final String NAS = "nas-run";
    /** A study whose name, parameter name, choice and failure message try to inject markup. */
    static final String XSS = "xss <script>window.__xss=4</script>";
    static final String XSS_PARAM = "<img src=x onerror=window.__xss=1>";
    static final String XSS_CHOICE = "<b onmouseover=window.__xss=5>bold</b>";
    static final String XSS_MESSAGE = "<script>window.__xss=2</script> & </script><script>window.__xss=3</script>";

    static final int HPO_TRIALS = 50;
    static final int HPO_COMPLETE = 40;
    static final int HPO_PRUNED = 5;
    static final int HPO_FAIL = 5;
    /** Trials of {@link #HPO} with intermediate values: the 5 pruned and the 25 even-numbered complete ones. */
    static final int HPO_CURVES = 30;
    static final List<String> HPO_PARAMS = List.of("x", "lr", "booster", "depth");
    static final int MULTI_TRIALS = 30;
    static final int NAS_TRIALS = 8;

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private SampleStudies() {
    }

    static void createAll(Storage s) {
        hpo(s, HPO, HPO_TRIALS, 42);
        multi(s);
        automl(s);
        nas(s);
        xss(s);
    }

    /** {@code n} trials: every 10th from 3 pruned, from 7 failed, the rest complete; even ones report curves. */
    static void hpo(Storage s, String name, int n, long seed) {
        s.createStudy(name, List.of(Direction.MINIMIZE));
        SplittableRandom rng = new SplittableRandom(seed);
        List<FrozenTrial> trials = new ArrayList<>();
        FloatDistribution x = FloatDistribution.of(-5, 10);
        FloatDistribution lr = FloatDistribution.logScale(1e-4, 1);
        CategoricalDistribution booster = CategoricalDistribution.of("gbtree", "dart", "linear");
        IntDistribution depth = IntDistribution.of(1, 12);
        for (int i = 0; i < n; i++) {
            double xv = -5 + 15 * rng.nextDouble();
            double lrv = Math.exp(Math.log(1e-4) + rng.nextDouble() * Math.log(1e4));
            String b = (String) booster.choices().get(rng.nextInt(3));
            int d = 1 + rng.nextInt(12);
            double value = (xv - 2) * (xv - 2) + 3 * Math.abs(Math.log10(lrv) + 2) + (b.equals("dart") ? 1 : 0) + 0.1 * d;
            FrozenTrial.Builder t = FrozenTrial.builder().param("x", x, xv).param("lr", lr, lrv).param("booster", booster, b)
                    .param("depth", depth, d).start(T0.plusSeconds(10L * i)).complete(T0.plusSeconds(10L * i + 1 + i % 4));
            int r = i % 10;
            if (r == 3) {
                for (long step = 0; step < 3; step++) {
                    t.intermediateValue(step, value + 10 - step);
                }
                t.state(TrialState.PRUNED).values(value + 8);
            } else if (r == 7) {
                t.state(TrialState.FAIL).failure(new TrialFailure("java.lang.IllegalStateException",
                        "diverged at epoch " + i, "java.lang.IllegalStateException: diverged\n\tat Train.run(Train.java:" + i + ")"));
            } else {
                if (i % 2 == 0) {
                    for (long step = 0; step < 10; step++) {
                        t.intermediateValue(step, value + 10.0 / (step + 1));
                    }
                }
                t.state(TrialState.COMPLETE).values(value);
            }
            trials.add(t.build());
        }
        s.createTrials(name, trials);
    }

    static void multi(Storage s) {
        s.createStudy(MULTI, List.of(Direction.MINIMIZE, Direction.MAXIMIZE));
        SplittableRandom rng = new SplittableRandom(7);
        FloatDistribution a = FloatDistribution.of(0, 1);
        FloatDistribution b = FloatDistribution.of(0, 1);
        List<FrozenTrial> trials = new ArrayList<>();
        for (int i = 0; i < MULTI_TRIALS; i++) {
            double av = rng.nextDouble();
            double bv = rng.nextDouble();
            trials.add(FrozenTrial.builder().param("a", a, av).param("b", b, bv).values(av + 0.2 * bv, av * av + bv)
                    .start(T0.plusSeconds(i)).complete(T0.plusSeconds(i + 1)).build());
        }
        s.createTrials(MULTI, trials);
    }

    static void automl(Storage s) {
        hpo(s, AUTOML, 10, 3);
        s.setStudyUserAttr(AUTOML, StudyViews.KIND_ATTR, "automl");
        s.setStudyUserAttr(AUTOML, StudyViews.LEADERBOARD_ATTR, List.of(
                Map.of("rank", 1, "learner", "lightgbm", "score", 0.912),
                Map.of("rank", 2, "learner", "random_forest", "score", 0.905),
                Map.of("rank", 3, "learner", "logistic", "score", 0.871)));
        // stored as JSON text, as a writer may do; the dashboard reads both forms
        s.setStudyUserAttr(AUTOML, StudyViews.ENSEMBLE_ATTR,
                "{\"method\":\"ensemble_selection\",\"members\":[{\"trial\":4,\"learner\":\"lightgbm\",\"weight\":0.6},"
                        + "{\"trial\":8,\"learner\":\"random_forest\",\"weight\":0.4}]}");
    }

    static void nas(Storage s) {
        s.createStudy(NAS, List.of(Direction.MAXIMIZE));
        s.setStudyUserAttr(NAS, StudyViews.KIND_ATTR, "nas");
        CategoricalDistribution op = CategoricalDistribution.of("conv3x3", "conv1x1", "avgpool", "skip");
        List<FrozenTrial> trials = new ArrayList<>();
        for (int i = 0; i < NAS_TRIALS; i++) {
            String o1 = (String) op.choices().get(i % 4);
            String o2 = (String) op.choices().get((i / 4) % 4);
            String dot = "digraph cell { rankdir=LR; in -> n1 [label=\"" + o1 + "\"]; n1 -> out [label=\"" + o2
                    + "\"]; in -> out [label=\"skip\"]; }";
            trials.add(FrozenTrial.builder().param("op1", op, o1).param("op2", op, o2).values(0.5 + 0.05 * i)
                    .userAttr(StudyViews.ARCHITECTURE_ATTR, dot).start(T0.plusSeconds(i)).complete(T0.plusSeconds(i + 1))
                    .build());
        }
        s.createTrials(NAS, trials);
    }

    static void xss(Storage s) {
        s.createStudy(XSS, List.of(Direction.MINIMIZE));
        s.setStudyUserAttr(XSS, "note", "<img src=x onerror=window.__xss=6>");
        FloatDistribution p = FloatDistribution.of(0, 1);
        CategoricalDistribution c = CategoricalDistribution.of(XSS_CHOICE, "plain");
        List<FrozenTrial> trials = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            FrozenTrial.Builder t = FrozenTrial.builder().param(XSS_PARAM, p, i / 10.0).param("choice", c, c.choices().get(i % 2))
                    .start(T0.plusSeconds(i)).complete(T0.plusSeconds(i + 1));
            if (i == 5) {
                t.state(TrialState.FAIL).failure(new TrialFailure("Boom", XSS_MESSAGE, ""));
            } else {
                t.values(i * 1.5).intermediateValue(0, i + 1.0);
            }
            trials.add(t.build());
        }
        s.createTrials(XSS, trials);
    }
}
