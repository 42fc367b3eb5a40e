package org.automl4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.automl4j.sampler.Sampler;
import org.automl4j.study.Study;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.Trial;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Sampler} must satisfy: the same seed gives the same trials, values stay
 * in their domains (log scale, ints, steps, categoricals), and conditional parameters work.
 * Extend it and implement {@link #create(long)}:
 * <pre>{@code
 * class MySamplerContractTest extends SamplerContractTest {
 *     protected Sampler create(long seed) { return new MySampler(seed); }
 * }
 * }</pre>
 */
public abstract class SamplerContractTest {

    /** A new sampler with {@code seed}. */
    protected abstract Sampler create(long seed);

    /** Trials per run in these tests; samplers with a long warm-up may ask for more. */
    protected int trials() {
        return 80;
    }

    /** A mixed, conditional objective touching every kind of parameter. */
    protected static double objective(Trial t) {
        double x = t.suggestFloat("x", -3, 3);
        double lr = t.suggestFloat("lr", 1e-5, 1e-1, true);
        double q = t.suggestFloat("q", 0, 1, 0.25);
        int n = t.suggestInt("n", 1, 10);
        int w = t.suggestInt("w", 2, 1024, true);
        int s = t.suggestInt("s", 0, 30, 5);
        String c = t.suggestCategorical("c", List.of("a", "b", "c"));
        double v = x * x + Math.abs(Math.log10(lr) + 3) + q + Math.abs(n - 4) + Math.abs(Math.log(w) - 3) + s / 10.0;
        if (c.equals("a")) {
            v += t.suggestFloat("a_only", 0, 1);
        } else if (c.equals("b")) {
            boolean flag = t.suggestCategorical("b_flag", List.of(true, false));
            v += flag ? 0.5 : t.suggestInt("b_k", 1, 3);
        }
        return v;
    }

    private static Study run(Sampler sampler, int n) {
        Study study = Study.builder().sampler(sampler).build();
        study.optimize(SamplerContractTest::objective, n);
        return study;
    }

    @Test
    public void sameSeedGivesTheSameTrials() {
        List<Map<String, Object>> a = run(create(7), trials()).trials().stream().map(FrozenTrial::params).toList();
        List<Map<String, Object>> b = run(create(7), trials()).trials().stream().map(FrozenTrial::params).toList();
        assertEquals(a, b);
        List<Map<String, Object>> c = run(create(8), trials()).trials().stream().map(FrozenTrial::params).toList();
        assertNotEquals(a, c, "another seed gives other trials");
    }

    @Test
    public void valuesStayInBoundsAndRespectLogIntAndStep() {
        Study study = run(create(1), trials() + 40);
        Set<Integer> steps = new HashSet<>();
        boolean smallLr = false;
        for (FrozenTrial t : study.trials()) {
            assertEquals(TrialState.COMPLETE, t.state(), () -> String.valueOf(t.failure()));
            t.params().forEach((k, v) -> assertTrue(t.distributions().get(k).contains(v), k + "=" + v));
            double q = (Double) t.params().get("q");
            assertEquals(0, (q * 4) % 1, 1e-12, "q on its 0.25 grid");
            int s = (Integer) t.params().get("s");
            assertEquals(0, s % 5);
            steps.add(s);
            smallLr |= (Double) t.params().get("lr") < 1e-3;
        }
        assertTrue(steps.size() >= 4, "several step values visited: " + steps);
        assertTrue(smallLr, "log scale reaches the small decades");
    }

    @Test
    public void conditionalParametersAppearOnlyUnderTheirParent() {
        Study study = run(create(3), trials());
        int withA = 0;
        int withBk = 0;
        for (FrozenTrial t : study.trials()) {
            String c = (String) t.params().get("c");
            assertEquals(c.equals("a"), t.params().containsKey("a_only"));
            assertEquals(c.equals("b"), t.params().containsKey("b_flag"));
            withA += c.equals("a") ? 1 : 0;
            withBk += t.params().containsKey("b_k") ? 1 : 0;
            if (t.params().containsKey("b_k")) {
                assertEquals(false, t.params().get("b_flag"));
            }
        }
        assertTrue(withA > 0 && withBk > 0, "conditional branches were explored");
    }
}
