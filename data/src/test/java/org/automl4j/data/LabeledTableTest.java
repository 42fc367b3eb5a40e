package org.automl4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabeledTableTest {

    private static Table table(Column target) {
        double[] x = new double[target.size()];
        Arrays.setAll(x, i -> i);
        return new Table(List.of(new NumericColumn("x", x), target));
    }

    private static NumericColumn numbers(double... v) {
        return new NumericColumn("y", v);
    }

    @Test
    void zeroOneTargetIsBinary() {
        LabeledTable t = LabeledTable.of(table(numbers(0, 1, 1, 0, 1)), "y");
        assertEquals(Task.BINARY, t.task());
        assertEquals(List.of("0", "1"), t.classes());
        assertArrayEquals(new int[] {0, 1, 1, 0, 1}, t.labels());
        assertArrayEquals(new int[] {2, 3}, t.classCounts());
        assertEquals(List.of("x"), t.features().names());
    }

    @Test
    void integersOneTo29AreRegression() {
        double[] rings = new double[58];
        Arrays.setAll(rings, i -> 1 + i % 29);
        LabeledTable t = LabeledTable.of(table(numbers(rings)), "y");
        assertEquals(Task.REGRESSION, t.task());
        assertEquals(List.of(), t.classes());
        assertEquals(rings[5], t.y()[5]);
    }

    @Test
    void fewIntegersAreMulticlassAndFractionsRegression() {
        assertEquals(Task.MULTICLASS, LabeledTable.inferTask(numbers(1, 2, 3, 2, 1)));
        assertEquals(Task.REGRESSION, LabeledTable.inferTask(numbers(0.5, 1, 1, 0)));
        double[] eleven = new double[11];
        Arrays.setAll(eleven, i -> i);
        assertEquals(Task.REGRESSION, LabeledTable.inferTask(numbers(eleven)));
        LabeledTable forced = LabeledTable.of(table(numbers(1, 2, 3, 2, 1)), "y", Task.REGRESSION);
        assertEquals(Task.REGRESSION, forced.task());
        LabeledTable asClasses = LabeledTable.of(table(numbers(eleven)), "y", Task.MULTICLASS);
        assertEquals(11, asClasses.classCount());
        assertEquals("10", asClasses.classes().get(10), "numeric classes sort by value");
    }

    @Test
    void categoricalAndBooleanTargets() {
        CategoricalColumn species = CategoricalColumn.of("y", List.of("a", "b", "c", "a"));
        assertEquals(Task.MULTICLASS, LabeledTable.of(table(species), "y").task());
        CategoricalColumn flag = CategoricalColumn.ofBooleans("y", new Boolean[] {true, false, true});
        LabeledTable b = LabeledTable.of(table(flag), "y");
        assertEquals(Task.BINARY, b.task());
        assertEquals(List.of("false", "true"), b.classes());
        assertArrayEquals(new double[] {1, 0, 1}, b.y());
    }

    @Test
    void unusedLevelsAreNotClasses() {
        CategoricalColumn c = new CategoricalColumn("y", List.of("a", "b", "c"), new int[] {0, 2, 2, 0});
        LabeledTable t = LabeledTable.of(table(c), "y");
        assertEquals(Task.BINARY, t.task());
        assertEquals(List.of("a", "c"), t.classes());
        assertArrayEquals(new int[] {0, 1, 1, 0}, t.labels());
    }

    @Test
    void rowsWithMissingTargetAreDroppedAndCounted() {
        List<String> values = new ArrayList<>(Arrays.asList("a", null, "b", "a", null));
        LabeledTable t = LabeledTable.of(table(CategoricalColumn.of("y", values)), "y");
        assertEquals(2, t.droppedRows());
        assertEquals(3, t.rows());
        assertEquals(3, t.features().rowCount());
        assertEquals(2.0, ((NumericColumn) t.features().column("x")).get(1), "row 2 of the original");
    }

    @Test
    void missingTargetColumnNamesTheColumns() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LabeledTable.of(table(numbers(1, 2)), "label"));
        assertTrue(e.getMessage().contains("'label'") && e.getMessage().contains("[x, y]"), e.getMessage());
    }

    @Test
    void constantTargets() {
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> LabeledTable.of(table(CategoricalColumn.of("y", List.of("a", "a"))), "y"));
        assertTrue(one.getMessage().contains("single class 'a'"), one.getMessage());
        IllegalArgumentException flat = assertThrows(IllegalArgumentException.class,
                () -> LabeledTable.of(table(numbers(2.5, 2.5, 2.5)), "y"));
        assertTrue(flat.getMessage().contains("constant"), flat.getMessage());
        IllegalArgumentException allMissing = assertThrows(IllegalArgumentException.class,
                () -> LabeledTable.of(table(numbers(Double.NaN, Double.NaN)), "y"));
        assertTrue(allMissing.getMessage().contains("every value"), allMissing.getMessage());
    }

    @Test
    void regressionOnCategoricalTargetIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LabeledTable.of(table(CategoricalColumn.of("y", List.of("lo", "hi", "lo"))), "y",
                        Task.REGRESSION));
        assertTrue(e.getMessage().contains("CATEGORICAL") && e.getMessage().contains("REGRESSION"), e.getMessage());
        assertTrue(e.getMessage().contains("[lo, hi]"), e.getMessage());
    }

    @Test
    void classCountMustFitTheRequestedTask() {
        CategoricalColumn three = CategoricalColumn.of("y", List.of("a", "b", "c"));
        assertThrows(IllegalArgumentException.class, () -> LabeledTable.of(table(three), "y", Task.BINARY));
        CategoricalColumn two = CategoricalColumn.of("y", List.of("a", "b"));
        assertThrows(IllegalArgumentException.class, () -> LabeledTable.of(table(two), "y", Task.MULTICLASS));
    }

    @Test
    void negativeZeroIsTheClassZero() {
        // a CSV holding "-0" reads as -0.0: it is the class 0, not a third class sharing the text "0"
        LabeledTable t = LabeledTable.of(table(numbers(0, 1, -0.0, 1)), "y");
        assertEquals(Task.BINARY, t.task());
        assertEquals(List.of("0", "1"), t.classes());
        assertArrayEquals(new int[] {0, 1, 0, 1}, t.labels());
        LabeledTable forced = LabeledTable.of(table(numbers(-0.0, 1, 0, 2)), "y", Task.MULTICLASS);
        assertEquals(List.of("0", "1", "2"), forced.classes());
        assertArrayEquals(new int[] {0, 1, 0, 2}, forced.labels());
    }
}
