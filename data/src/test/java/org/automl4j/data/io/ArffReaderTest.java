package org.automl4j.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.List;
import org.automl4j.data.CategoricalColumn;
import org.automl4j.data.ColumnType;
import org.automl4j.data.NumericColumn;
import org.automl4j.data.Table;
import org.junit.jupiter.api.Test;

class ArffReaderTest {

    private static DataFormatException fails(String arff) {
        return assertThrows(DataFormatException.class, () -> new ArffReader().readString(arff, "t.arff"));
    }

    @Test
    void readsWeather() throws Exception {
        Table t;
        try (InputStream in = getClass().getResourceAsStream("weather.arff")) {
            t = new ArffReader().read(in, "weather.arff");
        }
        assertEquals(4, t.rowCount());
        assertEquals(List.of("outlook", "temperature", "humidity", "wind speed", "windy", "remark", "play"), t.names());
        CategoricalColumn outlook = (CategoricalColumn) t.column("outlook");
        assertEquals(List.of("sunny", "overcast", "rainy"), outlook.levels());
        assertTrue(outlook.isMissing(3));
        assertEquals(ColumnType.NUMERIC, t.column("wind speed").type());
        assertTrue(t.column("wind speed").isMissing(1));
        assertEquals(86.0, ((NumericColumn) t.column("humidity")).get(1));
        CategoricalColumn windy = (CategoricalColumn) t.column("windy");
        assertEquals(ColumnType.CATEGORICAL, windy.type());
        assertEquals(List.of("TRUE", "FALSE"), windy.levels(), "declared order is kept");
        CategoricalColumn remark = (CategoricalColumn) t.column("remark");
        assertEquals("hot, dry", remark.level(0));
        assertEquals("quoted \"word\"", remark.level(1));
        assertTrue(remark.isMissing(2));
        CategoricalColumn play = (CategoricalColumn) t.column("play");
        assertEquals(List.of("yes", "no", "not sure"), play.levels());
        assertEquals("not sure", play.level(2));
    }

    @Test
    void declaredLevelOrderIsKeptEvenWhenUnused() {
        Table t = new ArffReader().readString("@RELATION r\n@ATTRIBUTE c {z,a,m}\n@DATA\na\nz\n", "t.arff");
        assertEquals(List.of("z", "a", "m"), ((CategoricalColumn) t.column("c")).levels());
        assertEquals(1, ((CategoricalColumn) t.column("c")).code(0));
    }

    @Test
    void sparseIsRejected() {
        DataFormatException e = fails("@relation r\n@attribute a numeric\n@attribute b numeric\n@data\n{0 1, 1 2}\n");
        assertEquals(5, e.line());
        assertTrue(e.getMessage().contains("sparse ARFF"), e.getMessage());
    }

    @Test
    void errorsNameLineAndAttribute() {
        DataFormatException level = fails("@relation r\n@attribute c {a,b}\n@data\na\nq\n");
        assertEquals(5, level.line());
        assertEquals("c", level.column());
        assertTrue(level.getMessage().contains("'q' is not one of the declared levels [a, b]"), level.getMessage());
        DataFormatException number = fails("@relation r\n@attribute x numeric\n@data\n1\nabc\n");
        assertEquals(5, number.line());
        assertTrue(number.getMessage().contains("'abc' is not a number"), number.getMessage());
        DataFormatException count = fails("@relation r\n@attribute x numeric\n@attribute y numeric\n@data\n1,2\n3\n");
        assertEquals(6, count.line());
        assertTrue(count.getMessage().contains("1 values but 2 attributes"), count.getMessage());
        assertTrue(fails("@relation r\n@attribute x numeric\n").getMessage().contains("no @data"));
        assertTrue(fails("@relation r\n@attribute x numeric\n@data\n").getMessage().contains("no rows"));
        assertTrue(fails("").getMessage().contains("empty"));
        DataFormatException dup = fails("@relation r\n@attribute x numeric\n@attribute x real\n@data\n1,2\n");
        assertTrue(dup.getMessage().contains("declared twice"), dup.getMessage());
        assertTrue(fails("@relation r\n@attribute x relational\n@data\n1\n").getMessage().contains("unsupported"));
        assertTrue(fails("@relation r\n@attribute x numeric\n@data\ninf\n").getMessage().contains("infinite"));
    }

    @Test
    void anInstanceWeightIsNamedAsSuch() {
        // before: "this row has 3 values but 2 attributes are declared; ... quote values that contain commas"
        DataFormatException e = assertThrows(DataFormatException.class, () -> new ArffReader().readString(
                "@relation r\n@attribute a numeric\n@attribute b {x,y}\n@data\n1,x\n2,y, {0.5}\n", "w.arff"));
        assertTrue(e.getMessage().startsWith("w.arff, line 6: this row ends with an instance weight {0.5}"),
                e.getMessage());
    }
}
