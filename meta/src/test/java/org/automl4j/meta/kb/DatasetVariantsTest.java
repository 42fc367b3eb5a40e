package org.automl4j.meta.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.automl4j.data.LabeledTable;
import org.automl4j.data.examples.Examples;
import org.junit.jupiter.api.Test;

class DatasetVariantsTest {

    private static final LabeledTable IRIS = LabeledTable.of(Examples.iris(), "target");

    @Test
    void variantsAreStratifiedSubsamplesOfRowsAndOfAtLeastHalfTheColumns() {
        List<DatasetVariants.Variant> vs = DatasetVariants.of("iris", IRIS, 12, 30, 120, 7);
        assertEquals(12, vs.size());
        Set<Integer> sizes = new HashSet<>();
        Set<List<String>> columnSets = new HashSet<>();
        for (int i = 0; i < vs.size(); i++) {
            DatasetVariants.Variant v = vs.get(i);
            assertEquals("iris~" + (i + 1), v.name());
            assertEquals("iris", v.source());
            LabeledTable d = v.data();
            // about the drawn size (stratified rounding moves it by at most one row per class)
            assertTrue(d.rows() >= 30 - 3 && d.rows() <= 120 + 3, "rows " + d.rows());
            sizes.add(d.rows());
            int[] counts = d.classCounts();
            assertEquals(3, counts.length);
            // iris is balanced: each class keeps a third of the sample, give or take a row
            for (int c : counts) {
                assertTrue(Math.abs(c - d.rows() / 3.0) <= 1, "stratified: " + Arrays.toString(counts));
            }
            int p = d.features().columnCount();
            assertTrue(p >= 2 && p <= 4, "at least half of iris's 4 columns: " + p);
            List<String> names = d.features().names();
            assertEquals(IRIS.features().names().stream().filter(names::contains).toList(), names,
                    "kept in the source's order");
            columnSets.add(names);
            assertEquals(IRIS.classes(), d.classes());
        }
        assertTrue(sizes.size() >= 8, "sizes vary: " + sizes);
        assertTrue(columnSets.size() >= 3, "column subsets vary: " + columnSets);
        assertEquals(fingerprint(vs), fingerprint(DatasetVariants.of("iris", IRIS, 12, 30, 120, 7)),
                "deterministic for a seed");
        assertNotEquals(fingerprint(vs), fingerprint(DatasetVariants.of("iris", IRIS, 12, 30, 120, 8)));
    }

    /** Names, columns, labels and the first column's values of each variant (tables compare by identity). */
    private static List<String> fingerprint(List<DatasetVariants.Variant> vs) {
        return vs.stream().map(v -> v.name() + v.data().features().names() + Arrays.toString(v.data().labels())
                + Arrays.toString(((org.automl4j.data.NumericColumn) v.data().features().column(0)).toArray())).toList();
    }

    @Test
    void aRareClassKeepsEnoughRowsForCrossValidation() {
        int[] labels = new int[1000];
        for (int i = 0; i < 8; i++) {
            labels[i * 100] = 1; // 8 rows of class 1 among 1000
        }
        int[] rows = DatasetVariants.stratified(labels, 2, 100, new java.util.SplittableRandom(1));
        long rare = Arrays.stream(rows).filter(r -> labels[r] == 1).count();
        assertEquals(DatasetVariants.MIN_PER_CLASS, rare, "a proportional share would keep 1");
        assertEquals(rows.length, Arrays.stream(rows).distinct().count(), "no row twice");
    }

    @Test
    void aRangeBeyondTheDatasetIsCappedAndBadSettingsAreRefused() {
        for (DatasetVariants.Variant v : DatasetVariants.of("iris", IRIS, 3, 500, 5000, 1)) {
            assertEquals(150, v.data().rows(), "iris has only 150 rows");
        }
        assertThrows(IllegalArgumentException.class, () -> DatasetVariants.of("iris", IRIS, 2, 100, 50, 1));
        assertThrows(IllegalArgumentException.class, () -> DatasetVariants.of("iris", IRIS, -1, 10, 50, 1));
    }
}
