package org.automl4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Optuna 3.1.0's suite figures, read from the peers' JSON (suite_summary). */
final class OptunaPeer {

    /** One (function, sampler) row of Optuna's summary. */
    record Row(String function, String sampler, double medianFinal, double q25, double q75, double at50,
            double at100, double cpuMs151to200) {
    }

    static final List<String> TPE_VARIANTS = List.of("tpe", "tpe_mv", "tpe_mv_group");

    private final Map<String, Row> rows = new HashMap<>();

    private OptunaPeer() {
    }

    static OptunaPeer load(Path file) throws IOException {
        OptunaPeer p = new OptunaPeer();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            JsonNode root = new ObjectMapper().readTree(in);
            for (JsonNode r : root.path("suite_summary")) {
                Row row = new Row(r.path("function").asText(), r.path("sampler").asText(),
                        r.path("median_final_regret").asDouble(), r.path("q25_final_regret").asDouble(),
                        r.path("q75_final_regret").asDouble(), r.path("median_regret_at_50").asDouble(),
                        r.path("median_regret_at_100").asDouble(), r.path("median_cpu_overhead_ms_151_200").asDouble());
                p.rows.put(row.function() + "/" + row.sampler(), row);
            }
        }
        return p;
    }

    Row row(String function, String sampler) {
        return rows.get(function + "/" + sampler);
    }

    /** Every Optuna sampler's row for {@code function}. */
    List<Row> rowsFor(String function) {
        return rows.values().stream().filter(r -> r.function().equals(function))
                .sorted(java.util.Comparator.comparing(Row::sampler)).toList();
    }

    /** Optuna's best sampler of any kind on {@code function} by median final regret. */
    Row bestAny(String function) {
        return rowsFor(function).stream().min(java.util.Comparator.comparingDouble(Row::medianFinal)).orElse(null);
    }

    /** Optuna's best TPE variant on {@code function} by median final regret. */
    Row bestTpe(String function) {
        Row best = null;
        for (String v : TPE_VARIANTS) {
            Row r = row(function, v);
            if (r != null && (best == null || r.medianFinal() < best.medianFinal())) {
                best = r;
            }
        }
        return best;
    }
}
