package org.automl4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MetalearnBenchmarkTest {

    private static final ObjectMapper M = new ObjectMapper();

    private static MetalearnBenchmark parse(String... args) {
        MetalearnBenchmark b = new MetalearnBenchmark();
        new CommandLine(b).parseArgs(args);
        return b;
    }

    @Test
    void mnistSourceWithoutTheFilesFailsNamingTheFolderAndTheFiles(@TempDir Path empty) {
        MetalearnBenchmark b = parse("--parts", "digits", "--digits-source", "mnist", "--mnist-dir", empty.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::call);
        assertTrue(e.getMessage().contains("--mnist-dir " + empty.toAbsolutePath()), e.getMessage());
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte"), e.getMessage());
    }

    @Test
    void unknownDigitSourceAndSharedSelectionSeedsAreRejected() {
        IllegalArgumentException source = assertThrows(IllegalArgumentException.class,
                parse("--parts", "digits", "--digits-source", "omniglot")::call);
        assertTrue(source.getMessage().contains("digits or mnist"), source.getMessage());
        IllegalArgumentException seeds = assertThrows(IllegalArgumentException.class,
                parse("--parts", "digits", "--seeds", "0-2", "--lr-seeds", "2-4")::call);
        assertTrue(seeds.getMessage().contains("share seed 2"), seeds.getMessage());
    }

    private static void run(ArrayNode runs, String method, long seed, String role, double lr, double at10, double at50) {
        ObjectNode r = runs.addObject().put("part", "digits").put("method", method).put("seed", seed).put("role", role)
                .put("lr", lr);
        ArrayNode curve = r.putArray("accuracy_curve");
        for (int i = 0; i <= 50; i++) {
            curve.add(i == 0 ? 0.2 : i <= 10 ? at10 : at50);
        }
    }

    @Test
    void ratesAreChosenOnTheSelectionSeedsAndReadOnTheReportSeeds() {
        ArrayNode runs = M.createArrayNode();
        for (long s : new long[] {10, 11, 12}) {
            run(runs, "protomaml_fo", s, "lr_selection", 0.1, 0.80, 0.85);
            run(runs, "protomaml_fo", s, "lr_selection", 0.2, 0.70, 0.90);
            run(runs, "pretrain_finetune_all", s, "lr_selection", 0.3, 0.75, 0.80);
            runs.addObject().put("part", "digits").put("method", "nearest_centroid_raw_pixels").put("seed", s)
                    .put("role", "lr_selection").put("accuracy", 0.5);
        }
        for (long s : new long[] {0, 1, 2}) {
            // on the report seeds the other rate would look better: it must not be picked
            run(runs, "protomaml_fo", s, "report", 0.1, 0.78 + s / 100.0, 0.80);
            run(runs, "protomaml_fo", s, "report", 0.2, 0.95, 0.88);
            run(runs, "pretrain_finetune_all", s, "report", 0.3, 0.70, 0.82);
            runs.addObject().put("part", "digits").put("method", "nearest_centroid_raw_pixels").put("seed", s)
                    .put("role", "report").put("accuracy", 0.6 + s / 100.0);
        }
        ArrayNode out = M.createArrayNode();
        MetalearnBenchmark.summarizeDigitsSelected(out, runs);

        JsonNode proto = find(out, "method", "protomaml_fo");
        assertEquals(0.1, proto.path("lr_chosen_at_10").asDouble());
        assertEquals(0.80, proto.path("selection_median_accuracy_at_10").asDouble(), 1e-12);
        assertEquals(0.79, proto.path("report_median_accuracy_at_10").asDouble(), 1e-12);
        assertEquals(0.80, proto.path("report_accuracy_at_10").path("2").asDouble(), 1e-12);
        assertEquals(0.2, proto.path("lr_chosen_at_50").asDouble());
        assertEquals(0.88, proto.path("report_median_accuracy_at_50").asDouble(), 1e-12);
        assertEquals(0.61, find(out, "method", "nearest_centroid_raw_pixels").path("report_median_accuracy").asDouble(),
                1e-12);
        JsonNode vsPretrain = find(out, "comparison",
                "protomaml_fo vs pretrain_finetune_all (best pretrain on the selection seeds), 10 steps, report medians");
        assertEquals(0.09, vsPretrain.path("difference").asDouble(), 1e-12);
        assertTrue(vsPretrain.path("above_baseline").asBoolean());
        JsonNode at50 = find(out, "comparison",
                "protomaml_fo vs pretrain_finetune_all (best pretrain on the selection seeds), 50 steps, report medians");
        assertEquals(0.06, at50.path("difference").asDouble(), 1e-12);
        assertFalse(find(out, "comparison", "protomaml_fo vs raw-pixel nearest centroid, 10 steps, report medians")
                .path("difference").isMissingNode());
    }

    private static JsonNode find(ArrayNode out, String key, String value) {
        for (JsonNode n : out) {
            if (n.path(key).asText().equals(value)) {
                return n;
            }
        }
        throw new AssertionError("no " + key + " = " + value + " in " + out);
    }
}
