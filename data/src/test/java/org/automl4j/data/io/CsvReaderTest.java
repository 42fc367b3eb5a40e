package org.automl4j.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.automl4j.data.CategoricalColumn;
import org.automl4j.data.ColumnType;
import org.automl4j.data.NumericColumn;
import org.automl4j.data.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

    private static Table read(String csv) {
        return new CsvReader().readString(csv, "test.csv");
    }

    private static Table read(CsvOptions options, String csv) {
        return new CsvReader(options).readString(csv, "test.csv");
    }

    private static DataFormatException fails(CsvOptions options, String csv) {
        return assertThrows(DataFormatException.class, () -> read(options, csv));
    }

    private static DataFormatException fails(String csv) {
        return fails(CsvOptions.defaults(), csv);
    }

    private static CategoricalColumn cat(Table t, String name) {
        return (CategoricalColumn) t.column(name);
    }

    private static NumericColumn num(Table t, String name) {
        return (NumericColumn) t.column(name);
    }

    @Test
    void quotedFieldsWithCommasQuotesAndNewlines() {
        Table t = read("id,text\n1,\"a, b\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,plain\n");
        assertEquals(4, t.rowCount());
        assertEquals("a, b", cat(t, "text").level(0));
        assertEquals("say \"hi\"", cat(t, "text").level(1));
        assertEquals("two\nlines", cat(t, "text").level(2));
        assertEquals(ColumnType.NUMERIC, t.column("id").type());
        assertEquals(4.0, num(t, "id").get(3));
    }

    @Test
    void crlfLineEndsAndBlankLines() {
        Table t = read("a,b\r\n1,x\r\n\r\n2,y\r\n");
        assertEquals(2, t.rowCount());
        assertEquals("y", cat(t, "b").level(1));
        assertEquals(List.of("a", "b"), t.names());
    }

    @Test
    void utf8ByteOrderMarkIsStripped() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "name,x\nzoë,1\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(body, 0, all, 3, body.length);
        InputStream in = new ByteArrayInputStream(all);
        Table t = new CsvReader().read(in, "bom.csv");
        assertEquals(List.of("name", "x"), t.names());
        assertEquals("zoë", cat(t, "name").level(0));
    }

    @Test
    void detectsSemicolonTabAndPipeSeparators() {
        Table semi = read("a;b;c\n1,5;x;2\n");
        assertEquals(List.of("a", "b", "c"), semi.names());
        assertEquals(ColumnType.CATEGORICAL, semi.column("a").type(), "1,5 is text when ';' separates");
        Table tab = read("a\tb\n1\t2\n3\t4\n");
        assertEquals(List.of("a", "b"), tab.names());
        assertEquals(4.0, num(tab, "b").get(1));
        Table pipe = read("a|b\n1|2\n");
        assertEquals(List.of("a", "b"), pipe.names());
        Table quotedCommas = read("\"x,y\";z\n1;2\n");
        assertEquals(List.of("x,y", "z"), quotedCommas.names());
    }

    @Test
    void explicitSeparatorOverridesDetection() {
        Table t = read(CsvOptions.builder().separator(';').build(), "a,b;c\n1,2;3\n");
        assertEquals(List.of("a,b", "c"), t.names());
    }

    @Test
    void missingMarkers() {
        String csv = "x,y\n1,a\n,b\nNA,?\n4,null\n";
        Table plain = read(csv);
        assertEquals(ColumnType.CATEGORICAL, plain.column("x").type(), "NA is a level without markers");
        Table t = read(CsvOptions.builder().missingMarkers("NA", "?", "null").build(), csv);
        assertEquals(ColumnType.NUMERIC, t.column("x").type());
        assertTrue(t.column("x").isMissing(1));
        assertTrue(t.column("x").isMissing(2));
        assertEquals(2, t.column("x").missingCount());
        assertEquals(List.of("a", "b"), cat(t, "y").levels());
        assertEquals(2, t.column("y").missingCount());
    }

    @Test
    void typeInference() {
        Table t = read("n,i,b,c,e,nan\n1.5,1,true,x,,1\n-2e3,2,FALSE,y,,NaN\n3,3,True,x,,2\n");
        assertEquals(ColumnType.NUMERIC, t.column("n").type());
        assertEquals(-2000.0, num(t, "n").get(1));
        assertEquals(ColumnType.NUMERIC, t.column("i").type());
        assertEquals(ColumnType.BOOLEAN, t.column("b").type());
        assertEquals(List.of("false", "true"), cat(t, "b").levels());
        assertEquals("true", cat(t, "b").level(0));
        assertEquals("false", cat(t, "b").level(1));
        assertEquals(ColumnType.CATEGORICAL, t.column("c").type());
        assertEquals(List.of("x", "y"), cat(t, "c").levels());
        assertEquals(ColumnType.NUMERIC, t.column("e").type(), "an all-missing column is numeric");
        assertEquals(3, t.column("e").missingCount());
        assertTrue(t.column("nan").isMissing(1), "NaN is a missing number");
        Table hex = read("h\n0x10\n1d\n");
        assertEquals(ColumnType.CATEGORICAL, hex.column("h").type(), "Java-only number syntax is text");
    }

    @Test
    void forcedCategoricalKeepsNumberText() {
        Table t = read(CsvOptions.builder().categorical("zip").build(), "zip,v\n01234,1\n02000,2\n01234,3\n");
        assertEquals(ColumnType.CATEGORICAL, t.column("zip").type());
        assertEquals(List.of("01234", "02000"), cat(t, "zip").levels());
    }

    @Test
    void ignoredColumnsAndMaxRows() {
        Table t = read(CsvOptions.builder().ignore("id").maxRows(2).build(), "id,x\n1,a\n2,b\n3,c\n");
        assertEquals(List.of("x"), t.names());
        assertEquals(2, t.rowCount());
    }

    @Test
    void noHeaderNamesColumns() {
        Table t = read(CsvOptions.builder().header(false).build(), "1,a\n2,b\n");
        assertEquals(List.of("column1", "column2"), t.names());
        assertEquals(2, t.rowCount());
    }

    @Test
    void spacesAroundValuesAreTrimmed() {
        Table t = read("a, b\n 1 , x \n");
        assertEquals(List.of("a", "b"), t.names());
        assertEquals(1.0, num(t, "a").get(0));
        assertEquals("x", cat(t, "b").level(0));
    }

    @Test
    void readsPathAndNamesItInErrors(@TempDir Path dir) throws Exception {
        Path ok = dir.resolve("ok.csv");
        Files.writeString(ok, "a,b\n1,2\n");
        assertEquals(1, CsvReader.readCsv(ok).rowCount());
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "a,b\n1,2\n3\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> CsvReader.readCsv(bad));
        assertTrue(e.getMessage().startsWith(bad.toString() + ", line 3:"), e.getMessage());
        assertEquals(3, e.line());
        DataFormatException none = assertThrows(DataFormatException.class,
                () -> CsvReader.readCsv(dir.resolve("nope.csv")));
        assertTrue(none.getMessage().contains("no such file"), none.getMessage());
    }

    @Test
    void emptyFile() {
        DataFormatException e = fails("");
        assertTrue(e.getMessage().contains("test.csv"), e.getMessage());
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        assertTrue(fails("\n\n").getMessage().contains("empty"));
    }

    @Test
    void aFileOfLinesOfSpacesIsEmptyAndSpacesBeforeTheHeaderAreSkipped() {
        DataFormatException e = fails("   \n\n  \n");
        assertTrue(e.getMessage().contains("the file is empty"), e.getMessage());
        Table t = new CsvReader().readString("  \na,b\n1,2\n", "test.csv");
        assertEquals(List.of("a", "b"), t.names());
        assertEquals(1, t.rowCount());
    }

    @Test
    void anUnclosedQuoteIsReportedAtTheLineWhereItOpens() {
        DataFormatException e = fails("a,b\n1,2\n3,\"x\n5,6\n7,8\n");
        assertEquals(3, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("closing quote never comes"), e.getMessage());
    }

    @Test
    void headerOnly() {
        DataFormatException e = fails("a,b,c\n");
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("header but no data rows"), e.getMessage());
    }

    @Test
    void raggedRowNamesLineAndCounts() {
        DataFormatException e = fails("a,b,c\n1,2,3\n4,5\n6,7,8\n");
        assertEquals(3, e.line());
        assertEquals("test.csv", e.source());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("has 2 fields but the header has 3"), e.getMessage());
        DataFormatException extra = fails("a,b\n1,2\n\"x\ny\",2\n1,2,3\n");
        assertEquals(5, extra.line(), "physical lines count the line break inside the quoted value");
    }

    @Test
    void duplicateAndEmptyHeaderNames() {
        DataFormatException dup = fails("a,b,a\n1,2,3\n");
        assertEquals("a", dup.column());
        assertTrue(dup.getMessage().contains("columns 1 and 3"), dup.getMessage());
        assertTrue(dup.getMessage().contains("unique"), dup.getMessage());
        DataFormatException empty = fails("a,,c\n1,2,3\n");
        assertTrue(empty.getMessage().contains("header column 2 of 3 has no name"), empty.getMessage());
        assertEquals(1, empty.line());
    }

    @Test
    void anEmptyUnnamedLastColumnFromATrailingSeparatorIsDropped() {
        Table t = new CsvReader().readString("a,b,\r\n1,x,\r\n2,y,\r\n", "t.csv");
        assertEquals(List.of("a", "b"), t.names());
        assertEquals(2, t.rowCount());
        DataFormatException valued = fails("a,b,\n1,x,\n2,y,7\n");
        assertEquals(3, valued.line());
        assertTrue(valued.getMessage().contains("last column (3) has no name") && valued.getMessage().contains("'7'"),
                valued.getMessage());
    }

    @Test
    void infiniteValuesAreRejected() {
        DataFormatException e = fails("x,y\n1,2\n3,inf\n");
        assertEquals(3, e.line());
        assertEquals("y", e.column());
        assertTrue(e.getMessage().contains("column 'y'") && e.getMessage().contains("infinite"), e.getMessage());
        assertEquals(3, fails("x\n1\n-Infinity\n").line());
        assertEquals(2, fails("x\n1e999\n").line(), "overflow is infinite");
        assertEquals(ColumnType.CATEGORICAL, read("x\ninf\nabc\n").column("x").type(), "inf in a text column is text");
    }

    @Test
    void declaredNumericColumnWithText() {
        DataFormatException e = fails(CsvOptions.builder().type("x", ColumnType.NUMERIC).build(), "x\n1\n2\nabc\n4\n");
        assertEquals(4, e.line());
        assertEquals("x", e.column());
        assertTrue(e.getMessage().contains("'abc' is not a number"), e.getMessage());
        assertTrue(e.getMessage().contains("declared NUMERIC"), e.getMessage());
        DataFormatException b = fails(CsvOptions.builder().type("b", ColumnType.BOOLEAN).build(), "b\ntrue\nyes\n");
        assertEquals(3, b.line());
        assertTrue(b.getMessage().contains("'yes' is not true or false"), b.getMessage());
    }

    @Test
    void optionsNamingUnknownColumns() {
        DataFormatException e = fails(CsvOptions.builder().categorical("zipp").build(), "zip,v\n1,2\n");
        assertTrue(e.getMessage().contains("[zipp]") && e.getMessage().contains("[zip, v]"), e.getMessage());
    }

    @Test
    void malformedQuotes() {
        DataFormatException e = fails("a,b\n1,\"x\"y\n");
        assertTrue(e.getMessage().contains("malformed CSV"), e.getMessage());
        assertTrue(e.line() >= 2, e.getMessage());
    }

    @Test
    void invalidUtf8() {
        byte[] latin1 = "a\nzo\u00eb\n".getBytes(StandardCharsets.ISO_8859_1);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> new CsvReader().read(new ByteArrayInputStream(latin1), "latin.csv"));
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
        Table t = new CsvReader(CsvOptions.builder().encoding(StandardCharsets.ISO_8859_1).build())
                .read(new ByteArrayInputStream(latin1), "latin.csv");
        assertEquals("zoë", cat(t, "a").level(0));
    }

    @Test
    void resourceFileWithEdgeCases() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("edge-cases.csv")) {
            Table t = new CsvReader(CsvOptions.builder().missingMarkers("NA").build()).read(in, "edge-cases.csv");
            assertEquals(4, t.rowCount());
            assertEquals(List.of("id", "name", "score", "member", "note"), t.names());
            assertEquals(ColumnType.NUMERIC, t.column("score").type());
            assertEquals(ColumnType.BOOLEAN, t.column("member").type());
            assertEquals("Smith, John", cat(t, "name").level(0));
            assertEquals("line one\r\nline two", cat(t, "note").level(1));
            assertTrue(t.column("score").isMissing(2));
            assertFalse(t.column("note").isMissing(0));
        }
    }

    @Test
    void columnNamesReadsTheHeaderWithoutTheValues(@TempDir Path dir) throws Exception {
        // a value read() refuses (an infinite number) does not keep the names from being read
        Path file = Files.writeString(dir.resolve("wide.csv"), "\uFEFFid;x;y;\r\ninf;1;2;\r\n3;4;5;\r\n");
        assertEquals(List.of("id", "x", "y"), new CsvReader().columnNames(file));
        assertEquals(List.of("x", "y"), new CsvReader(CsvOptions.builder().ignore("id").build()).columnNames(file));
        assertEquals(List.of("column1", "column2", "column3", "column4"),
                new CsvReader(CsvOptions.builder().header(false).build()).columnNames(file));
        Path twice = Files.writeString(dir.resolve("twice.csv"), "a,a\n1,2\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> new CsvReader().columnNames(twice));
        assertTrue(e.getMessage().contains("the header names this column twice"), e.getMessage());
    }

    @Test
    void theSeparatorIsDetectedFromTheHeaderBelowBlankLines() {
        // before: the blank first line gave no separator, so comma, and each line became one text column "a;b"
        Table t = new CsvReader().readString("\n  \r\na;b\n1;2\n3;4\n", "test.csv");
        assertEquals(List.of("a", "b"), t.names());
        assertEquals(4, ((NumericColumn) t.column("b")).get(1), 0);
        Table tabs = new CsvReader().readString("\uFEFF \na\tb\tc\n1\t2\t3\n", "test.csv");
        assertEquals(List.of("a", "b", "c"), tabs.names());
    }
}
