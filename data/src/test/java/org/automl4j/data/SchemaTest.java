package org.automl4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaTest {
    private final Table train = new Table(List.of(
            new NumericColumn("age", new double[] {30, 40}),
            CategoricalColumn.of("color", List.of("red", "blue")),
            CategoricalColumn.ofBooleans("member", new Boolean[] {true, false})));
    private final Schema schema = Schema.of(train);

    @Test
    void capturesNamesTypesAndLevels() {
        assertEquals(List.of("age", "color", "member"), schema.names());
        assertEquals(Map.of("age", ColumnType.NUMERIC, "color", ColumnType.CATEGORICAL, "member", ColumnType.BOOLEAN),
                schema.types());
        assertEquals(List.of("red", "blue"), schema.columns().get(1).levels());
        schema.check(train);
    }

    @Test
    void missingColumnsAreNamed() {
        Table t = new Table(List.of(new NumericColumn("age", new double[] {1})));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> schema.check(t));
        assertTrue(e.getMessage().contains("missing columns [color, member]"), e.getMessage());
        assertTrue(e.getMessage().contains("the table has [age]"), e.getMessage());
    }

    @Test
    void wrongTypeIsNamed() {
        Table t = new Table(List.of(CategoricalColumn.of("age", List.of("old")),
                CategoricalColumn.of("color", List.of("red")),
                CategoricalColumn.ofBooleans("member", new Boolean[] {true})));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> schema.check(t));
        assertTrue(e.getMessage().contains("'age' is CATEGORICAL but was NUMERIC in training"), e.getMessage());
    }

    @Test
    void conformDropsExtrasReordersAndMapsUnknownLevelsToMissing() {
        Table predict = new Table(List.of(
                CategoricalColumn.of("member", List.of("TRUE", "false", "maybe")),
                CategoricalColumn.of("color", List.of("blue", "green", "red")),
                new NumericColumn("extra", new double[] {1, 2, 3}),
                new NumericColumn("age", new double[] {50, 60, 70})));
        assertEquals(Map.of("member", 1, "color", 1), schema.unknownLevelCounts(predict));
        Table c = schema.conform(predict);
        assertEquals(List.of("age", "color", "member"), c.names());
        CategoricalColumn color = (CategoricalColumn) c.column("color");
        assertEquals(List.of("red", "blue"), color.levels());
        assertEquals(1, color.code(0));
        assertTrue(color.isMissing(1), "unknown level 'green' becomes missing");
        assertEquals(0, color.code(2));
        CategoricalColumn member = (CategoricalColumn) c.column("member");
        assertEquals(ColumnType.BOOLEAN, member.type());
        assertEquals("true", member.level(0));
        assertEquals("false", member.level(1));
        assertTrue(member.isMissing(2));
        assertSame(predict.column("age"), c.column("age"));
    }

    @Test
    void numericCodesAreMatchedByText() {
        Schema s = Schema.of(new Table(List.of(CategoricalColumn.of("zip", List.of("7", "12")))));
        Table c = s.conform(new Table(List.of(new NumericColumn("zip", new double[] {12, 7, 99, Double.NaN}))));
        CategoricalColumn zip = (CategoricalColumn) c.column("zip");
        assertEquals("12", zip.level(0));
        assertEquals("7", zip.level(1));
        assertTrue(zip.isMissing(2));
        assertTrue(zip.isMissing(3));
    }
}
