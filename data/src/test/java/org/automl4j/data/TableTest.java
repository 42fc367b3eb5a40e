package org.automl4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {

    private static void assertMentions(Throwable e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message '" + e.getMessage() + "' should mention '" + p + "'");
        }
    }

    @Test
    void anInfiniteNumberIsRefusedWithItsColumnAndRowWhileNaNStaysMissing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NumericColumn("y", new double[] {1, Double.NaN, Double.NEGATIVE_INFINITY}));
        assertMentions(e, "column 'y' row 2", "-Infinity", "NaN for a missing value");
        NumericColumn ok = new NumericColumn("y", new double[] {1, Double.NaN, Double.MAX_VALUE});
        assertTrue(ok.isMissing(1));
        assertEquals(Double.MAX_VALUE, ok.get(2));
    }

    @Test
    void aTargetWithAnInfiniteValueNeverBecomesAClass() {
        // before, 0..5 plus Infinity was taken for a 7-class target with a class "Infinity"
        assertThrows(IllegalArgumentException.class, () -> LabeledTable.of(new Table(List.of(
                new NumericColumn("x", new double[] {0, 1, 2, 3, 4, 5, 6}),
                new NumericColumn("y", new double[] {0, 1, 2, 3, 4, 5, Double.POSITIVE_INFINITY}))), "y"));
    }

    @Test
    void selectingARowOutsideTheTableNamesTheIndexAndTheRange() {
        Table t = new Table(List.of(new NumericColumn("x", new double[] {1, 2, 3}),
                CategoricalColumn.of("c", List.of("a", "b", "a"))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.selectRows(new int[] {0, 7}));
        assertMentions(e, "row index 7", "entry 1", "0..2");
        assertThrows(IllegalArgumentException.class, () -> t.selectRows(new int[] {-1}));
        Table picked = t.selectRows(new int[] {2, 2, 0});
        assertArrayEquals(new double[] {3, 3, 1}, ((NumericColumn) picked.column("x")).toArray());
        assertEquals("a", ((CategoricalColumn) picked.column("c")).level(0));
    }

    @Test
    void aNullColumnOrANullLevelIsNamedWithItsPosition() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> new Table(Arrays.asList(new NumericColumn("x", new double[2]), null)));
        assertMentions(e, "column #1 of 2 is null");
        NullPointerException level = assertThrows(NullPointerException.class,
                () -> new CategoricalColumn("c", Arrays.asList("a", null), new int[] {0, 0}));
        assertMentions(level, "column 'c'", "level #1 is null", "code -1");
    }

    @Test
    void columnsOfDifferentLengthsOrRepeatedNamesAreRefused() {
        assertMentions(assertThrows(IllegalArgumentException.class, () -> new Table(List.of(
                new NumericColumn("a", new double[2]), new NumericColumn("b", new double[3])))),
                "column 'b' has 3 rows but 'a' has 2");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> new Table(List.of(
                new NumericColumn("a", new double[2]), new NumericColumn("a", new double[2])))),
                "'a' appears twice");
    }
}
