package org.automl4j.data.split;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.automl4j.data.CategoricalColumn;
import org.automl4j.data.LabeledTable;
import org.automl4j.data.NumericColumn;
import org.automl4j.data.Table;
import org.automl4j.data.Task;
import org.junit.jupiter.api.Test;

class SplitsTest {

    /** 100 rows: 60 of class 0, 30 of class 1, 10 of class 2, interleaved. */
    private static int[] labels() {
        int[] y = new int[100];
        for (int i = 0; i < 100; i++) {
            y[i] = i % 10 == 0 ? 2 : i % 10 < 4 ? 1 : 0;
        }
        return y;
    }

    private static void assertPartition(Split s, int rows) {
        boolean[] seen = new boolean[rows];
        for (int i : s.train()) {
            seen[i] = true;
        }
        for (int i : s.test()) {
            assertFalse(seen[i], "row " + i + " is in train and test");
            seen[i] = true;
        }
        for (boolean b : seen) {
            assertTrue(b);
        }
        assertTrue(isSorted(s.train()) && isSorted(s.test()));
    }

    private static boolean isSorted(int[] a) {
        for (int i = 1; i < a.length; i++) {
            if (a[i - 1] >= a[i]) {
                return false;
            }
        }
        return true;
    }

    private static int[] count(int[] labels, int[] rows, int k) {
        int[] c = new int[k];
        for (int r : rows) {
            c[labels[r]]++;
        }
        return c;
    }

    @Test
    void stratifiedKFoldKeepsProportionsAndCoversEachRowOnce() {
        int[] y = labels();
        List<Split> folds = Splits.stratifiedKFold(y, List.of("a", "b", "c"), 5, 42);
        assertEquals(5, folds.size());
        int[] times = new int[100];
        for (Split f : folds) {
            assertPartition(f, 100);
            assertEquals(20, f.test().length);
            assertArrayEquals(new int[] {12, 6, 2}, count(y, f.test(), 3));
            for (int r : f.test()) {
                times[r]++;
            }
        }
        for (int t : times) {
            assertEquals(1, t);
        }
    }

    @Test
    void stratifiedKFoldWithUnevenClassesStaysWithinOne() {
        int[] y = new int[23];
        for (int i = 0; i < 23; i++) {
            y[i] = i < 17 ? 0 : 1;
        }
        for (Split f : Splits.stratifiedKFold(y, null, 4, 7)) {
            int[] c = count(y, f.test(), 2);
            assertTrue(c[0] == 4 || c[0] == 5, Arrays.toString(c));
            assertTrue(c[1] == 1 || c[1] == 2, Arrays.toString(c));
            assertTrue(f.test().length == 5 || f.test().length == 6);
        }
    }

    @Test
    void plainKFoldCoversEachRowOnce() {
        List<Split> folds = Splits.kFold(11, 3, 1);
        int[] times = new int[11];
        for (Split f : folds) {
            assertPartition(f, 11);
            assertTrue(f.test().length == 3 || f.test().length == 4);
            for (int r : f.test()) {
                times[r]++;
            }
        }
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, times);
    }

    @Test
    void deterministicBySeed() {
        int[] y = labels();
        assertArrayEquals(Splits.stratifiedKFold(y, null, 5, 3).get(2).test(),
                Splits.stratifiedKFold(y, null, 5, 3).get(2).test());
        assertFalse(Arrays.equals(Splits.stratifiedKFold(y, null, 5, 3).get(2).test(),
                Splits.stratifiedKFold(y, null, 5, 4).get(2).test()));
        assertArrayEquals(Splits.holdout(50, 0.2, 9).test(), Splits.holdout(50, 0.2, 9).test());
        assertFalse(Arrays.equals(Splits.holdout(50, 0.2, 9).test(), Splits.holdout(50, 0.2, 10).test()));
        assertArrayEquals(Splits.kFold(30, 3, 5).get(0).train(), Splits.kFold(30, 3, 5).get(0).train());
    }

    @Test
    void holdouts() {
        Split plain = Splits.holdout(50, 0.2, 1);
        assertPartition(plain, 50);
        assertEquals(10, plain.test().length);
        int[] y = labels();
        Split strat = Splits.stratifiedHoldout(y, null, 0.2, 1);
        assertPartition(strat, 100);
        assertArrayEquals(new int[] {12, 6, 2}, count(y, strat.test(), 3));
    }

    @Test
    void singleExampleClassIsExplained() {
        int[] y = {0, 0, 0, 1, 1, 1, 2};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Splits.stratifiedKFold(y, List.of("cat", "dog", "emu"), 2, 1));
        assertTrue(e.getMessage().contains("class 'emu' has only 1 example (row 6)"), e.getMessage());
        assertTrue(e.getMessage().contains("non-stratified"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Splits.stratifiedHoldout(y, null, 0.3, 1));
        assertThrows(IllegalArgumentException.class, () -> Splits.kFold(3, 4, 1));
        assertThrows(IllegalArgumentException.class, () -> Splits.holdout(10, 1.0, 1));
    }

    @Test
    void chooseValidation() {
        ValidationPlan small = Splits.chooseValidation(1000, Task.BINARY);
        assertEquals(ValidationPlan.Kind.K_FOLD, small.kind());
        assertEquals(5, small.folds());
        assertTrue(small.stratified());
        ValidationPlan large = Splits.chooseValidation(48842, Task.REGRESSION);
        assertEquals(ValidationPlan.Kind.HOLDOUT, large.kind());
        assertEquals(0.2, large.testFraction());
        assertFalse(large.stratified());
        assertEquals(3, Splits.chooseValidation(3, Task.REGRESSION).folds());
    }

    @Test
    void planOnLabeledTable() {
        List<String> values = new ArrayList<>();
        double[] x = new double[40];
        for (int i = 0; i < 40; i++) {
            values.add(i % 4 == 0 ? "yes" : "no");
            x[i] = i;
        }
        LabeledTable data = LabeledTable.of(new Table(List.of(new NumericColumn("x", x),
                CategoricalColumn.of("y", values))), "y");
        List<Split> folds = Splits.chooseValidation(data.rows(), data.task()).splits(data, 11);
        assertEquals(5, folds.size());
        for (Split f : folds) {
            assertEquals(List.of("yes", "no"), data.classes());
            assertArrayEquals(new int[] {2, 6}, count(data.labels(), f.test(), 2));
        }
        assertEquals(8, Splits.holdout(data, 0.2, 3).test().length);
    }
}
