package org.automl4j.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetTest {

    @Test
    void dataFractionLevelsWithEtaThreeAreOneTwentySeventhToOne() {
        Budget b = Budget.dataFraction(1 / 27.0, 1.0);
        List<Double> levels = b.levels(3);
        assertEquals(4, levels.size());
        assertEquals(1 / 27.0, levels.get(0), 1e-12);
        assertEquals(1 / 9.0, levels.get(1), 1e-12);
        assertEquals(1 / 3.0, levels.get(2), 1e-12);
        assertEquals(1.0, levels.get(3), 0.0, "the top level is the max exactly");
        assertEquals(List.of(37L, 111L, 333L, 1000L), levels.stream().map(b::toStep).toList());
    }

    @Test
    void dataFractionMapsFractionsToPermilleAndBack() {
        Budget b = Budget.dataFraction(0.01, 1.0);
        assertEquals(250, b.toStep(0.25));
        assertEquals(0.25, b.toAmount(250), 0.0);
        assertEquals(10, b.minStep());
        assertEquals(1000, b.maxStep());
    }

    @Test
    void dataFractionRejectsFractionsOutsideTheUnitIntervalAndTooFineMinimums() {
        IllegalArgumentException tooFine = assertThrows(IllegalArgumentException.class,
                () -> Budget.dataFraction(1e-4, 1));
        assertTrue(tooFine.getMessage().contains("0.001"), tooFine.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Budget.dataFraction(0.5, 0.1));
        assertThrows(IllegalArgumentException.class, () -> Budget.dataFraction(0.1, 1.5));
        assertThrows(IllegalArgumentException.class, () -> Budget.dataFraction(0.1, 1).toStep(1.2));
        assertThrows(IllegalArgumentException.class, () -> Budget.dataFraction(0.1, 1).toStep(Double.NaN));
    }

    @Test
    void epochsAreTheirOwnStepsAndScheduleEveryEpoch() {
        Budget b = Budget.epochs(4);
        assertEquals(7, b.toStep(7));
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0), b.defaultSchedule());
        assertEquals(List.of(1.0, 3.0, 9.0), Budget.epochs(1, 20).levels(3), "20 is not on the grid: no rung at 20");
        assertThrows(IllegalArgumentException.class, () -> Budget.epochs(0, 3));
        assertThrows(IllegalArgumentException.class, () -> Budget.epochs(5, 3));
    }

    @Test
    void anEpochScheduleTooLongToListIsAClearError() {
        // listing every epoch up to Long.MAX_VALUE never ended (the counter overflowed) and 10^9 ran out of memory
        for (long max : new long[] {1_000_000_000L, Long.MAX_VALUE}) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Budget.epochs(max).defaultSchedule());
            assertTrue(e.getMessage().contains("too many to list"), e.getMessage());
        }
        assertEquals(List.of(1.0, 2.0, 3.0), Budget.epochs(3).defaultSchedule());
        assertEquals(List.of(27.0), Budget.epochs(1, Long.MAX_VALUE).levels(3).subList(3, 4));
    }

    @Test
    void wallTimeStepsAreElapsedMillisecondsAndAmountsSeconds() {
        WallTime b = new WallTime(Duration.ofSeconds(1), Duration.ofSeconds(9));
        assertEquals(2500, b.toStep(Duration.ofMillis(2500)));
        assertEquals(2500, b.toStep(2.5));
        assertEquals(2.5, b.toAmount(2500), 0.0);
        assertEquals(List.of(1.0, 3.0, 9.0), b.levels(3));
        assertEquals(List.of(1.0, 2.0, 4.0, 8.0, 9.0), b.defaultSchedule());
        assertThrows(IllegalArgumentException.class, () -> b.toStep(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class,
                () -> Budget.wallTime(Duration.ofNanos(10), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class,
                () -> Budget.wallTime(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }

    @Test
    void dataFractionDefaultScheduleDoublesUpToTheMax() {
        assertEquals(List.of(0.125, 0.25, 0.5, 1.0), Budget.dataFraction(0.125, 1).defaultSchedule());
    }

    @Test
    void levelsRejectAReductionFactorBelowTwo() {
        assertThrows(IllegalArgumentException.class, () -> Budget.epochs(9).levels(1));
    }
}
