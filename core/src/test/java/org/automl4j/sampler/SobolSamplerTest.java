package org.automl4j.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.automl4j.study.Study;
import org.automl4j.trial.FrozenTrial;
import org.junit.jupiter.api.Test;

class SobolSamplerTest {

    @Test
    void firstPowerOfTwoTrialsCoverEveryIntAndCategoryEvenly() {
        Study s = Study.builder().sampler(Samplers.sobol(11)).build();
        s.optimize(t -> t.suggestInt("k", 0, 7) + t.suggestCategorical("c", List.of(0, 1, 2, 3)).doubleValue()
                + t.suggestInt("w", 1, 8, 7), 8);
        Set<Object> ks = new HashSet<>();
        Set<Object> cs = new HashSet<>();
        for (FrozenTrial t : s.trials()) {
            ks.add(t.params().get("k"));
            cs.add(t.params().get("c"));
        }
        assertEquals(8, ks.size(), "8 Sobol points stratify 8 integer cells: " + ks);
        assertEquals(4, cs.size());
    }

    @Test
    void logScaleFloatsAreStratifiedInLogSpace() {
        Study s = Study.builder().sampler(Samplers.sobol(2)).build();
        s.optimize(t -> t.suggestFloat("lr", 1e-4, 1, true), 16);
        int[] decades = new int[4];
        for (FrozenTrial t : s.trials()) {
            double lr = (Double) t.params().get("lr");
            decades[Math.min(3, (int) Math.floor(Math.log10(lr) + 4))]++;
        }
        for (int d : decades) {
            assertEquals(4, d, "each decade gets a quarter of 16 points");
        }
    }
}
