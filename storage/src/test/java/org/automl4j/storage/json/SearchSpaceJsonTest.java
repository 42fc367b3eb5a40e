package org.automl4j.storage.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.automl4j.space.CategoricalDistribution;
import org.automl4j.space.FloatDistribution;
import org.automl4j.space.Forbidden;
import org.automl4j.space.IntDistribution;
import org.automl4j.space.SearchSpace;
import org.junit.jupiter.api.Test;

class SearchSpaceJsonTest {

    @Test
    void spaceSurvivesARoundTrip() {
        SearchSpace space = SearchSpace.builder()
                .add("algo", CategoricalDistribution.of("svm", "forest", 3, true))
                .add("C", FloatDistribution.logScale(1e-3, 1e3))
                .add("q", FloatDistribution.stepped(0, 1, 0.25))
                .add("trees", IntDistribution.logScale(10, 500))
                .add("depth", IntDistribution.stepped(2, 32, 2))
                .condition("C", "algo", "svm")
                .condition("trees", "algo", "forest", 3)
                .forbid(Forbidden.of("algo", "svm", "q", 0.25))
                .build();
        String json = SearchSpaceJson.write(space);
        assertEquals(space, SearchSpaceJson.read(json));
    }

    @Test
    void errorsNameThePlaceInTheDocument() {
        JsonCodecException e = assertThrows(JsonCodecException.class, () -> SearchSpaceJson.read(
                "{\"parameters\": [{\"name\": \"a\", \"type\": \"float\", \"low\": 0, \"high\": 1},"
                        + " {\"name\": \"b\", \"type\": \"float\", \"low\": 2, \"high\": 1}]}"));
        assertTrue(e.getMessage().contains("parameters[1]"), e.getMessage());
        assertTrue(e.getMessage().contains("swap"), e.getMessage());
        JsonCodecException t = assertThrows(JsonCodecException.class, () -> SearchSpaceJson.read(
                "{\"parameters\": [{\"name\": \"a\", \"type\": \"normal\"}]}"));
        assertTrue(t.getMessage().contains("unknown type 'normal'"), t.getMessage());
        JsonCodecException bad = assertThrows(JsonCodecException.class, () -> SearchSpaceJson.read("{\"parameters\": ["));
        assertTrue(bad.getMessage().contains("line 1"), bad.getMessage());
        JsonCodecException cond = assertThrows(JsonCodecException.class, () -> SearchSpaceJson.read(
                "{\"parameters\": [{\"name\": \"a\", \"type\": \"int\", \"low\": 0, \"high\": 3}],"
                        + " \"conditions\": [{\"child\": \"a\", \"parent\": \"zz\", \"values\": [1]}]}"));
        assertTrue(cond.getMessage().contains("zz"), cond.getMessage());
    }

    private static String error(String json) {
        return assertThrows(JsonCodecException.class, () -> SearchSpaceJson.read(json)).getMessage();
    }

    @Test
    void whatWouldBeSilentlyChangedOrIgnoredIsRefusedWithItsPlace() {
        // int bounds were cut to int: 0.5 became 0 and 1e12 became 2147483647
        assertTrue(error("{\"parameters\": [{\"name\": \"n\", \"type\": \"int\", \"low\": 0.5, \"high\": 3}]}")
                .contains("parameters[0] ('n'): an int parameter's \"low\" must be a whole number"));
        assertTrue(error("{\"parameters\": [{\"name\": \"n\", \"type\": \"int\", \"low\": 0, \"high\": 1e12}]}")
                .contains("\"high\" must be a whole number from -2147483648 to 2147483647"));
        assertEquals(IntDistribution.of(2, 5), SearchSpaceJson.read(
                "{\"parameters\": [{\"name\": \"n\", \"type\": \"int\", \"low\": 2.0, \"high\": 5}]}").parameters().get("n"));
        // a misspelt field was ignored: "lg" left the scale linear, "forbiden" dropped the constraints
        assertTrue(error("{\"parameters\": [{\"name\": \"x\", \"type\": \"float\", \"low\": 1, \"high\": 2, \"lg\": true}]}")
                .contains("parameters[0] ('x'): unknown field \"lg\""));
        assertTrue(error("{\"parameters\": [], \"forbiden\": []}").contains("unknown field \"forbiden\""));
        // an object where a list belongs was read as an empty list
        assertTrue(error("{\"parameters\": [], \"conditions\": {\"child\": \"x\"}}")
                .startsWith("\"conditions\" must be an array [...], but got {"));
        // text after the document was ignored
        assertTrue(error("{\"parameters\": []} {\"parameters\": []}").startsWith("not valid JSON at line 1"));
        assertTrue(error("{\"parameters\": [{\"name\": \" \", \"type\": \"float\", \"low\": 0, \"high\": 1}]}")
                .contains("parameters[0]: the name is empty"));
        assertTrue(error("{\"parameters\": [{\"name\": \"x\", \"type\": \"float\", \"low\": \"0\", \"high\": 1}]}")
                .contains("\"low\" must be a number, but got \"0\""));
    }
}
