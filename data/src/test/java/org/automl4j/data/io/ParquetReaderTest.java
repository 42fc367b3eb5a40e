package org.automl4j.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import blue.strategic.parquet.ParquetWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.automl4j.data.CategoricalColumn;
import org.automl4j.data.ColumnType;
import org.automl4j.data.NumericColumn;
import org.automl4j.data.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetReaderTest {

    private record Row(int age, Double income, String colour, boolean member, long code) {
    }

    private static Path write(Path dir) throws Exception {
        MessageType schema = Types.buildMessage()
                .required(PrimitiveTypeName.INT32).named("age")
                .optional(PrimitiveTypeName.DOUBLE).named("income")
                .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("colour")
                .required(PrimitiveTypeName.BOOLEAN).named("member")
                .required(PrimitiveTypeName.INT64).named("code")
                .named("people");
        Path file = dir.resolve("people.parquet");
        try (ParquetWriter<Row> w = ParquetWriter.writeFile(schema, file.toFile(), (r, out) -> {
            out.write("age", r.age());
            if (r.income() != null) {
                out.write("income", r.income());
            }
            if (r.colour() != null) {
                out.write("colour", r.colour());
            }
            out.write("member", r.member());
            out.write("code", r.code());
        })) {
            w.write(new Row(31, 52_000.5, "red", true, 7));
            w.write(new Row(45, null, "blue, dark", false, 3));
            w.write(new Row(23, 18_000.0, null, true, 7));
        }
        return file;
    }

    @Test
    void readsTypedColumnsWithNullsAsMissingValues(@TempDir Path dir) throws Exception {
        Table t = new ParquetReader().read(write(dir));
        assertEquals(List.of("age", "income", "colour", "member", "code"), t.names());
        assertEquals(3, t.rowCount());
        NumericColumn age = (NumericColumn) t.column("age");
        assertEquals(45, age.get(1), 0);
        NumericColumn income = (NumericColumn) t.column("income");
        assertEquals(52_000.5, income.get(0), 0);
        assertTrue(Double.isNaN(income.get(1)));
        CategoricalColumn colour = (CategoricalColumn) t.column("colour");
        assertEquals("blue, dark", colour.levels().get(colour.code(1)));
        assertEquals(-1, colour.code(2));
        assertEquals(ColumnType.BOOLEAN, t.column("member").type());
        assertEquals(ColumnType.NUMERIC, t.column("code").type());
    }

    @Test
    void columnsCanBeForcedCategoricalOrLeftOut(@TempDir Path dir) throws Exception {
        Table t = new ParquetReader(Set.of("code"), Set.of("income")).read(write(dir));
        assertEquals(List.of("age", "colour", "member", "code"), t.names());
        assertEquals(ColumnType.CATEGORICAL, t.column("code").type());
    }

    @Test
    void aFileThatIsNotParquetIsRefusedWithItsName(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.parquet"), "a,b\n1,2\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> new ParquetReader().read(bad));
        assertTrue(e.getMessage().contains("bad.parquet") && e.getMessage().contains("not a readable Parquet file"),
                e.getMessage());
    }

    @Test
    void theRefusalOfANonParquetFileShowsNoInternalObjectName(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("short.parquet"), "garbage\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> new ParquetReader().read(bad));
        assertFalse(e.getMessage().matches("(?s).*@[0-9a-f]{4,}.*"), e.getMessage());
        assertTrue(e.getMessage().contains("the file is not a Parquet file"), e.getMessage());
    }

    @Test
    void unsignedIntegersKeepTheirValue(@TempDir Path dir) throws Exception {
        MessageType schema = Types.buildMessage()
                .required(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(32, false)).named("u32")
                .required(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.intType(64, false)).named("u64")
                .required(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(32, true)).named("i32")
                .named("counts");
        Path file = dir.resolve("counts.parquet");
        try (ParquetWriter<long[]> w = ParquetWriter.writeFile(schema, file.toFile(), (r, out) -> {
            out.write("u32", (int) r[0]);
            out.write("u64", r[1]);
            out.write("i32", (int) r[2]);
        })) {
            w.write(new long[] {4_000_000_000L, -1L, -5}); // -1L: the bits of 2^64 - 1
            w.write(new long[] {7, 9, 3});
        }
        Table t = new ParquetReader().read(file);
        assertEquals(4_000_000_000.0, ((NumericColumn) t.column("u32")).get(0), 0);
        assertEquals(18_446_744_073_709_551_615.0, ((NumericColumn) t.column("u64")).get(0), 0);
        assertEquals(7, ((NumericColumn) t.column("u32")).get(1), 0);
        assertEquals(9, ((NumericColumn) t.column("u64")).get(1), 0);
        assertEquals(-5, ((NumericColumn) t.column("i32")).get(0), 0, "signed integers stay signed");
    }

    @Test
    void anUnsupportedColumnTypeIsReportedWithTheFileName(@TempDir Path dir) throws Exception {
        MessageType schema = Types.buildMessage()
                .required(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.decimalType(2, 10)).named("price")
                .named("sales");
        Path file = dir.resolve("sales.parquet");
        try (ParquetWriter<Long> w = ParquetWriter.writeFile(schema, file.toFile(), (r, out) -> out.write("price", r))) {
            w.write(12_345L);
        }
        DataFormatException e = assertThrows(DataFormatException.class, () -> new ParquetReader().read(file));
        assertEquals(file.toString(), e.source());
        assertTrue(e.getMessage().startsWith(file + ", column 'price': is a Parquet DECIMAL"), e.getMessage());
    }
}
