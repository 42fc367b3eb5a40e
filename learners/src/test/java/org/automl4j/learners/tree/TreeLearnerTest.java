package org.automl4j.learners.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TreeLearnerTest {

    @Test
    void maxFeaturesIsAnExponentOfTheFeatureCount() {
        // Tribuo uses (int) (fraction * d) features per split
        assertEquals(4, (int) (TreeLearner.featureFraction(0.5, 20) * 20)); // round(sqrt(20)) = 4
        assertEquals(10, (int) (TreeLearner.featureFraction(0.5, 100) * 100));
        assertEquals(1, (int) (TreeLearner.featureFraction(0.0, 100) * 100));
    }

    @Test
    void fractionStaysBelowOneAsTribuoRandomForestRequires() {
        assertTrue(TreeLearner.featureFraction(1.0, 20) < 1f);
        assertTrue(TreeLearner.featureFraction(1.0, 1) < 1f);
    }
}
