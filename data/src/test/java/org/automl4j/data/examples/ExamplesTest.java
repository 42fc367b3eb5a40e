package org.automl4j.data.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.automl4j.data.ColumnType;
import org.automl4j.data.LabeledTable;
import org.automl4j.data.Table;
import org.automl4j.data.Task;
import org.junit.jupiter.api.Test;

class ExamplesTest {
    @Test
    void irisIsReadable() {
        Table iris = Examples.iris();
        assertEquals(150, iris.rowCount());
        assertEquals(5, iris.columnCount());
        assertEquals(ColumnType.NUMERIC, iris.column("sepal_length_cm").type());
        LabeledTable data = LabeledTable.of(iris, Examples.IRIS_TARGET);
        assertEquals(Task.MULTICLASS, data.task());
        assertEquals(List.of("setosa", "versicolor", "virginica"), data.classes());
        assertArrayEquals(new int[] {50, 50, 50}, data.classCounts());
        assertEquals(4, data.features().columnCount());
    }
}
