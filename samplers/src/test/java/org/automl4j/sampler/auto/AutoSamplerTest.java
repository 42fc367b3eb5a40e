package org.automl4j.sampler.auto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.automl4j.sampler.Sampler;
import org.automl4j.sampler.Samplers;
import org.automl4j.study.Direction;
import org.automl4j.study.OptimizeOptions;
import org.automl4j.study.Study;
import org.automl4j.trial.Trial;
import org.junit.jupiter.api.Test;

class AutoSamplerTest {

    /** Records which delegate served each trial: random sampling labelled by name. */
    private static AutoSampler auto(AutoSampler.Options o) {
        return new AutoSampler(o, Samplers.random(1), Samplers.random(2), Samplers.random(3), Samplers.random(4));
    }

    private static List<String> run(AutoSampler sampler, Study study, int n, java.util.function.ToDoubleFunction<Trial> f) {
        List<String> used = new ArrayList<>();
        study.optimize(t -> {
            used.add(sampler.delegateOf(t.number()));
            return f.applyAsDouble(t);
        }, n);
        return used;
    }

    @Test
    void numericSpaceUsesGpThenCmaEs() {
        AutoSampler s = auto(new AutoSampler.Options(5, 20, 0.0));
        Study study = Study.builder().sampler(s).build();
        List<String> used = run(s, study, 8, t -> t.suggestFloat("x", 0, 1) + t.suggestInt("n", 1, 5));
        assertEquals(List.of("gp", "gp", "gp", "gp", "gp", "cmaes", "cmaes", "cmaes"), used);
    }

    @Test
    void conditionalOrCategoricalSpaceUsesTheStructuredSampler() {
        AutoSampler s = auto(AutoSampler.Options.defaults());
        Study study = Study.builder().sampler(s).build();
        List<String> used = run(s, study, 12, t -> t.suggestCategorical("c", List.of("a", "b")).equals("a")
                ? t.suggestFloat("a_x", 0, 1) : t.suggestInt("b_n", 1, 4));
        assertEquals("gp", used.get(0), "nothing known yet");
        assertTrue(used.subList(4, 12).stream().allMatch("structured"::equals), used.toString());
    }

    @Test
    void anyCategoricalSendsTheStudyToTheStructuredSamplerByDefault() {
        AutoSampler s = auto(AutoSampler.Options.defaults());
        Study study = Study.builder().sampler(s).build();
        List<String> used = run(s, study, 6, t -> t.suggestFloat("x", 0, 1) + t.suggestFloat("y", 0, 1)
                + t.suggestFloat("z", 0, 1) + (t.suggestCategorical("c", List.of("a", "b")).equals("a") ? 0 : 1));
        assertEquals(List.of("gp", "structured", "structured", "structured", "structured", "structured"), used);
    }

    @Test
    void highDimensionalSpaceSkipsGp() {
        AutoSampler s = auto(new AutoSampler.Options(100, 3, 0.0));
        Study study = Study.builder().sampler(s).build();
        List<String> used = run(s, study, 3, t -> t.suggestFloat("a", 0, 1) + t.suggestFloat("b", 0, 1)
                + t.suggestFloat("c", 0, 1) + t.suggestFloat("d", 0, 1));
        assertEquals(List.of("gp", "cmaes", "cmaes"), used);
    }

    @Test
    void multiObjectiveUsesNsga2() {
        AutoSampler s = auto(AutoSampler.Options.defaults());
        Study study = Study.builder().directions(Direction.MINIMIZE, Direction.MINIMIZE).sampler(s).build();
        List<String> used = new ArrayList<>();
        study.optimizeMulti(t -> {
            used.add(s.delegateOf(t.number()));
            double x = t.suggestFloat("x", 0, 1);
            return new double[] {x, 1 - x};
        }, OptimizeOptions.trials(3));
        assertEquals(List.of("nsga2", "nsga2", "nsga2"), used);
    }

    @Test
    void optionsAreValidated() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new AutoSampler.Options(-1, 3, 0.5));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new AutoSampler.Options(1, 3, 1.5));
    }

    @Test
    void describesItself() {
        Sampler s = auto(AutoSampler.Options.defaults());
        assertTrue(s.describe().startsWith("AutoSampler"));
    }
}
