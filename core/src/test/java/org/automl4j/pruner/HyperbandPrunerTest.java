package org.automl4j.pruner;

import static org.automl4j.pruner.FakeStudy.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.automl4j.pruner.Hyperband.Bracket;
import org.automl4j.pruner.Hyperband.Round;
import org.automl4j.study.Direction;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.Test;

class HyperbandPrunerTest {

    private static Bracket bracket(int s, long[] configs, double[] resources) {
        Round[] rounds = new Round[configs.length];
        for (int i = 0; i < configs.length; i++) {
            rounds[i] = new Round(configs[i], resources[i]);
        }
        return new Bracket(s, List.of(rounds));
    }

    @Test
    void bracketTableMatchesLiEtAlForR81Eta3() {
        List<Bracket> expected = List.of(
                bracket(4, new long[] {81, 27, 9, 3, 1}, new double[] {1, 3, 9, 27, 81}),
                bracket(3, new long[] {34, 11, 3, 1}, new double[] {3, 9, 27, 81}),
                bracket(2, new long[] {15, 5, 1}, new double[] {9, 27, 81}),
                bracket(1, new long[] {8, 2}, new double[] {27, 81}),
                bracket(0, new long[] {5}, new double[] {81}));
        assertEquals(expected, Hyperband.brackets(81, 3));
    }

    @Test
    void bracketTableHasOneBracketWhenRIsBelowEta() {
        assertEquals(List.of(bracket(0, new long[] {1}, new double[] {2})), Hyperband.brackets(2, 3));
        assertThrows(IllegalArgumentException.class, () -> Hyperband.brackets(0, 3));
        assertThrows(IllegalArgumentException.class, () -> Hyperband.brackets(81, 1));
    }

    @Test
    void prunerHasOptunasBracketsAndBudgets() {
        HyperbandPruner p = new HyperbandPruner(1, 81, 3);
        assertEquals(5, p.numBrackets());
        long[] budgets = new long[5];
        for (int i = 0; i < 5; i++) {
            budgets[i] = p.budget(i);
        }
        assertEquals(List.of(81L, 34L, 15L, 8L, 5L), java.util.Arrays.stream(budgets).boxed().toList());
        assertEquals(3, new HyperbandPruner(1, 9, 3).numBrackets());
        assertEquals(3, new HyperbandPruner(2, 20, 3).numBrackets(), "2, 6, 18 <= 20");
    }

    @Test
    void trialsAreAssignedToBracketsAsOptunaDoes() {
        // expected values computed with Optuna's rule: binascii.crc32(f"{study}_{number}") % total budget
        HyperbandPruner p = new HyperbandPruner(1, 81, 3);
        int[] expected = {1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2, 0, 1, 0, 1, 0};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], p.bracketOf("study", i), "trial " + i);
        }
    }

    @Test
    void trialsAreJudgedOnlyAgainstTheirOwnBracket() {
        // (1, 9, 3): bracket 0 has rungs at steps 1, 3, 9; bracket 1 at 3, 9; bracket 2 at 9.
        // In study "hb", trials 0, 1, 9 are in bracket 0; 4, 5, 6 in bracket 1; 2, 3 in bracket 2.
        FakeStudy study = new FakeStudy("hb", Direction.MINIMIZE);
        Pruner p = Pruners.hyperband(1, 9, 3);
        study.finish(trial(0, TrialState.COMPLETE, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        assertTrue(p.shouldPrune(study, trial(1, TrialState.RUNNING, 5, 5)), "bracket 0 competes with trial 0");
        assertFalse(p.shouldPrune(study, trial(4, TrialState.RUNNING, 5, 5)), "bracket 1 has no rung at step 1");
        assertFalse(p.shouldPrune(study, trial(4, TrialState.RUNNING, 5, 5, 5, 5)), "alone in bracket 1 at step 3");
        assertTrue(p.shouldPrune(study, trial(5, TrialState.RUNNING, 6, 6, 6, 6)), "loses to trial 4 in bracket 1");
        assertFalse(p.shouldPrune(study, trial(2, TrialState.RUNNING, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7)),
                "alone in bracket 2 at step 9");
    }

    @Test
    void rejectsInvalidOptions() {
        assertThrows(IllegalArgumentException.class, () -> Pruners.hyperband(0, 81, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pruners.hyperband(10, 9, 3));
        assertTrue(e.getMessage().contains("maxResource") && e.getMessage().contains("9"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Pruners.hyperband(1, 81, 1));
    }

    @Test
    void aResourceRatioWhoseBracketBudgetsOverflowIsRefused() {
        // before: bracket weights overflowed, so every trial landed in one bracket or bracketOf threw AssertionError
        for (int eta : new int[] {2, 4}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Pruners.hyperband(1, Long.MAX_VALUE, eta));
            assertTrue(e.getMessage().contains("overflow") && e.getMessage().contains("maxResource="), e.getMessage());
        }
        Pruners.hyperband(1, 1L << 40, 2); // large but fine
        IllegalArgumentException table = assertThrows(IllegalArgumentException.class,
                () -> Hyperband.brackets(Long.MAX_VALUE, 2));
        assertTrue(table.getMessage().contains("beyond a long"), table.getMessage());
    }
}
