package org.automl4j.sampler.ext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.LongFunction;
import java.util.stream.IntStream;
import org.automl4j.sampler.Sampler;
import org.automl4j.sampler.Samplers;
import org.automl4j.study.Study;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.Trial;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every sampler, over several seeds, on the legal edges of the suggest API: single values, bounds at the int
 * limits, log ints up to {@code Integer.MAX_VALUE}, tiny and huge float ranges, stepped floats, many and mixed
 * choices, and a space that changes between trials (ranges, types, choice order). Every trial must complete
 * with values inside what was asked (the objective checks; a sampler's value outside fails the trial).
 */
class SuggestEdgesAcrossSamplersTest {

    private static final List<Integer> MANY = IntStream.range(0, 1000).boxed().toList();

    private static LongFunction<Sampler> sampler(String name) {
        return switch (name) {
            case "random" -> Samplers::random;
            case "sobol" -> Samplers::sobol;
            case "tpe" -> Samplers::tpe;
            case "smac" -> Samplers::smac;
            case "nsga2" -> Samplers::nsga2;
            case "cmaes" -> ModelSamplers::cmaEs;
            case "gp" -> ModelSamplers::gp;
            case "auto" -> ModelSamplers::auto;
            case "bohb" -> Samplers::bohb;
            default -> throw new AssertionError(name);
        };
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }

    private static double objective(Trial t) {
        int k = t.number() % 3;
        double single = t.suggestFloat("single_f", 2, 2) + t.suggestInt("single_i", 5, 5, true)
                + t.suggestFloat("single_s", 1, 1, 0.5);
        check(single == 8 && "only".equals(t.suggestCategorical("single_c", List.of("only"))), "single");
        int top = t.suggestInt("top", Integer.MAX_VALUE - 2, Integer.MAX_VALUE);
        int bottom = t.suggestInt("bottom", Integer.MIN_VALUE, Integer.MIN_VALUE + 4, 2);
        int wide = t.suggestInt("wide", Integer.MIN_VALUE, Integer.MAX_VALUE);
        int logHuge = t.suggestInt("log_huge", 1, Integer.MAX_VALUE, true);
        check(top >= Integer.MAX_VALUE - 2 && bottom <= Integer.MIN_VALUE + 4 && (bottom - Integer.MIN_VALUE) % 2 == 0
                && logHuge >= 1, "int limits " + top + " " + bottom + " " + logHuge);
        double tiny = t.suggestFloat("tiny", Double.MIN_VALUE, 1, true);
        double huge = t.suggestFloat("huge", 1e-300, 1e300, true);
        double stepped = t.suggestFloat("stepped", 0.1, 0.7, 0.2);
        check(tiny > 0 && tiny <= 1 && huge >= 1e-300 && huge <= 1e300, "floats " + tiny + " " + huge);
        check(List.of(0.1, 0.3, 0.5, 0.7).contains(stepped), "stepped " + stepped);
        int many = t.suggestCategorical("many", MANY);
        Object mixed = t.suggestCategorical("mixed", Arrays.asList(1, "1", 1.5, true));
        // a space that changes between trials
        double x = t.suggestFloat("x", k == 2 ? 0.5 : 0, 1 + k, k == 2);
        check(x >= (k == 2 ? 0.5 : 0) && x <= 1 + k, "x " + x);
        Object typed = k == 0 ? t.suggestCategorical("typed", List.of("a", "b")) : t.suggestInt("typed", 0, 3);
        List<String> order = new ArrayList<>(List.of("p", "q", "r"));
        if (k == 1) {
            Collections.reverse(order);
        }
        String o = t.suggestCategorical("order", order);
        check(t.suggestFloat("x", k == 2 ? 0.5 : 0, 1 + k, k == 2) == x, "same name, same distribution");
        return x + stepped + many / 1000.0 + (mixed instanceof Number n ? n.doubleValue() : 0)
                + (typed instanceof Integer i ? i : 0) + o.charAt(0) / 100.0 + Math.log(huge) / 1000;
    }

    @ParameterizedTest
    @ValueSource(strings = {"random", "sobol", "tpe", "smac", "nsga2", "cmaes", "gp", "auto", "bohb"})
    void everyTrialCompletesInsideItsDistributionsOnThreeSeeds(String name) {
        for (long seed = 0; seed < 3; seed++) {
            Study study = Study.builder().sampler(sampler(name).apply(seed)).build();
            study.optimize(SuggestEdgesAcrossSamplersTest::objective, 18);
            for (FrozenTrial t : study.trials()) {
                assertEquals(TrialState.COMPLETE, t.state(), name + " seed " + seed + " trial " + t.number() + ": "
                        + t.failure());
                t.params().forEach((p, v) -> assertTrue(t.distributions().get(p).contains(v), p + "=" + v));
            }
        }
    }
}
