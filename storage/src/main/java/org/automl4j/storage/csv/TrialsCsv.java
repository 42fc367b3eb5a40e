package org.automl4j.storage.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.automl4j.storage.Storage;
import org.automl4j.storage.StudyRecord;
import org.automl4j.trial.FrozenTrial;

/**
 * Writes a study's trials as CSV (RFC 4180 quoting), one row per trial in number order, with the
 * columns of Optuna's {@code trials_dataframe}: {@code number, state, value} (or {@code values_0, ...}
 * for several objectives), {@code datetime_start, datetime_complete, duration_s}, one
 * {@code params_<name>} column per parameter seen in any trial (empty where inactive), one
 * {@code user_attrs_<key>} column per user attribute, the last intermediate step, and the failure.
 */
public final class TrialsCsv {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrialsCsv() {
    }

    /** Writes the trials of study {@code name} to {@code out}, flushed and left open. */
    public static void write(Storage storage, String name, Writer out) throws IOException {
        StudyRecord study = storage.findStudy(name).orElseThrow(() -> new IllegalArgumentException(
                "no study named '" + name + "' to export; list them with: automl4j studies list"));
        List<FrozenTrial> trials = storage.trials(name);
        Set<String> params = new LinkedHashSet<>();
        Set<String> attrs = new LinkedHashSet<>();
        for (FrozenTrial t : trials) {
            params.addAll(t.params().keySet());
            attrs.addAll(t.userAttrs().keySet());
        }
        int k = study.directions().size();
        List<String> header = new ArrayList<>(List.of("number", "state"));
        if (k == 1) {
            header.add("value");
        } else {
            for (int i = 0; i < k; i++) {
                header.add("values_" + i);
            }
        }
        header.addAll(List.of("datetime_start", "datetime_complete", "duration_s"));
        params.forEach(p -> header.add("params_" + p));
        attrs.forEach(a -> header.add("user_attrs_" + a));
        header.addAll(List.of("last_step", "failure"));
        // not closed: that would close the caller's writer (standard output for 'studies export --out -')
        CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get());
        for (FrozenTrial t : trials) {
            List<Object> row = new ArrayList<>(header.size());
            row.add(t.number());
            row.add(t.state().name());
            for (int i = 0; i < k; i++) {
                row.add(i < t.values().size() ? t.values().get(i) : "");
            }
            row.add(t.start() == null ? "" : t.start().toString());
            row.add(t.complete() == null ? "" : t.complete().toString());
            row.add(t.start() == null || t.complete() == null ? ""
                    : Duration.between(t.start(), t.complete()).toMillis() / 1000.0);
            for (String p : params) {
                Object v = t.params().get(p);
                row.add(v == null ? "" : v);
            }
            for (String a : attrs) {
                Object v = t.userAttrs().get(a);
                row.add(v == null ? "" : v instanceof String || v instanceof Number || v instanceof Boolean ? v
                        : json(v));
            }
            row.add(t.intermediateValues().isEmpty() ? "" : t.intermediateValues().lastKey());
            row.add(t.failure() == null ? "" : t.failure().toString());
            csv.printRecord(row);
        }
        csv.flush();
    }

    private static String json(Object v) {
        try {
            return JSON.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            return String.valueOf(v);
        }
    }
}
