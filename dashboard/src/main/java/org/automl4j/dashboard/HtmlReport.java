package org.automl4j.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.automl4j.storage.Storage;
import org.automl4j.study.Direction;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;

/**
 * One study as a single self-contained HTML file: the dashboard's page with ECharts (and, for NAS studies,
 * viz.js) inlined and the API's answers embedded as JSON, so it opens from a mail attachment with no
 * server and no network. Every chart has a "save as PNG" button. Data is embedded with {@code <}, {@code >}
 * and {@code &} escaped, so no study text can end the data element.
 */
public final class HtmlReport {

    /** Trials whose full details (failure stack trace, attributes) are embedded; the table has every trial. */
    public static final int MAX_TRIAL_DETAILS = 500;
    /** Contour grids are embedded for every ordered pair of the first this many parameters. */
    static final int CONTOUR_PARAMS = 6;

    private HtmlReport() {
    }

    /**
     * A written report.
     *
     * @param file   the HTML file
     * @param study  the study's name
     * @param plots  the element ids of the plots in the page (e.g. {@code chart-history}) that have data to draw
     *               (no contour below two parameters, no importance below two completed trials), for {@link PngExport}
     * @param params the number of parameters (the slice plot has one panel each)
     */
    public record Written(Path file, String study, List<String> plots, int params) {
    }

    /**
     * Writes the report of {@code study} to {@code out} (parent folders created).
     *
     * @throws IllegalArgumentException when the storage has no such study
     */
    public static Written write(Storage storage, String study, Path out) {
        if (!exists(storage, study)) {
            throw new IllegalArgumentException("no study named '" + study + "' in this storage");
        }
        String html = render(storage, study, Instant.now());
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + out.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        StudySnapshot s = new StudyCache(storage).snapshot(study);
        List<String> plots = new ArrayList<>(List.of("chart-history", s.objectives() == 1 ? "chart-importance" : "chart-pareto",
                "chart-parallel", "chart-slice", "chart-contour", "chart-intermediate"));
        List<FrozenTrial> complete = StudyViews.complete(s);
        int params = StudyViews.space(complete).size();
        // only plots the page can draw: the others would be PNG pictures of "not enough data" notes
        if (complete.isEmpty()) {
            plots.retainAll(List.of("chart-history", "chart-intermediate"));
        } else if (params == 0) {
            plots.retainAll(List.of("chart-history", "chart-intermediate", "chart-pareto"));
        }
        if (params < 2) {
            plots.remove("chart-contour");
        }
        if (complete.size() < 2 || StudyViews.nothingToExplain(complete) != null) {
            plots.remove("chart-importance"); // fANOVA needs two completed trials, and something that varies
        }
        return new Written(out, study, List.copyOf(plots), params);
    }

    /** Whether the storage has the study (so callers can answer "no such study" before writing anything). */
    public static boolean exists(Storage storage, String study) {
        return storage.findStudy(study).isPresent();
    }

    /** The report's HTML. */
    static String render(Storage storage, String study, Instant written) {
        StudyCache cache = new StudyCache(storage);
        DashboardApi api = new DashboardApi(cache);
        StudySnapshot s = cache.snapshot(study);
        Map<String, JsonNode> answers = new TreeMap<>();
        ask(api, answers, "/api/study", Map.of("study", study));
        ask(api, answers, "/api/study/history", Map.of("study", study));
        ask(api, answers, "/api/study/params", Map.of("study", study));
        ask(api, answers, "/api/study/intermediate", Map.of("study", study));
        if (s.objectives() == 1) {
            ask(api, answers, "/api/study/importance", Map.of("study", study));
        } else {
            ask(api, answers, "/api/study/pareto", Map.of("study", study));
        }
        String kind = StudyViews.kind(s.record());
        if (kind.equals("automl")) {
            ask(api, answers, "/api/study/automl", Map.of("study", study));
        }
        if (kind.equals("nas")) {
            ask(api, answers, "/api/study/architectures", Map.of("study", study));
        }
        List<String> names = new ArrayList<>(StudyViews.space(StudyViews.complete(s)).keySet());
        List<String> first = names.subList(0, Math.min(CONTOUR_PARAMS, names.size()));
        for (String x : first) {
            for (String y : first) {
                if (!x.equals(y)) {
                    ask(api, answers, "/api/study/contour", Map.of("study", study, "x", x, "y", y));
                }
            }
        }
        for (FrozenTrial t : detailed(s)) {
            ask(api, answers, "/api/study/trial", Map.of("study", study, "number", Integer.toString(t.number())));
        }
        ObjectNode data = Json.object();
        data.put("study", study);
        data.put("written", written.toString());
        ObjectNode a = data.putObject("answers");
        answers.forEach(a::set);
        ObjectNode trials = data.putObject("trials");
        ArrayNode cols = trials.putArray("columns");
        StudyViews.space(s.trials()).keySet().forEach(cols::add);
        ArrayNode rows = trials.putArray("rows");
        s.trials().forEach(t -> rows.add(StudyViews.tableRow(t)));

        StringBuilder b = new StringBuilder(2_000_000);
        b.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escapeHtml("automl4j report: " + study)).append("</title>\n")
                .append("<style>\n").append(asset("/static/app.css")).append("</style>\n");
        script(b, "/static/vendor/echarts.min.js");
        if (kind.equals("nas")) {
            script(b, "/static/vendor/viz.js");
            script(b, "/static/vendor/full.render.js");
        }
        b.append("</head>\n<body>\n<header class=\"top\"><a id=\"home\">automl4j report</a><span id=\"crumb\"></span>")
                .append("<span id=\"live\"></span></header>\n<main id=\"main\"></main>\n")
                .append("<script type=\"application/json\" id=\"automl4j-report-data\">")
                .append(Json.inlineSafe(data)).append("</script>\n");
        script(b, "/static/app.js");
        b.append("</body>\n</html>\n");
        return b.toString();
    }

    /**
     * The trials whose details are embedded: all of them, or the best and the latest failed or pruned. The
     * best are the Pareto front of a multi-objective study, then feasible before infeasible trials, then
     * by the first objective.
     */
    static List<FrozenTrial> detailed(StudySnapshot s) {
        List<FrozenTrial> all = s.trials();
        if (all.size() <= MAX_TRIAL_DETAILS) {
            return all;
        }
        Map<Integer, FrozenTrial> keep = new LinkedHashMap<>();
        List<FrozenTrial> done = new ArrayList<>(StudyViews.complete(s));
        Comparator<FrozenTrial> byValue = Comparator.comparingDouble(t -> t.values().get(0));
        if (s.record().directions().get(0) == Direction.MAXIMIZE) {
            byValue = byValue.reversed();
        }
        // The Pareto chart opens front trials and the summary the best feasible one: their details must be here.
        Set<Integer> front = new HashSet<>();
        if (s.objectives() > 1) {
            StudyViews.paretoFront(s).forEach(t -> front.add(t.number()));
        }
        done.sort(Comparator.<FrozenTrial, Boolean>comparing(t -> !front.contains(t.number()))
                .thenComparing(t -> !t.isFeasible()).thenComparing(byValue));
        done.stream().limit(MAX_TRIAL_DETAILS / 2).forEach(t -> keep.put(t.number(), t));
        for (int i = all.size() - 1; i >= 0 && keep.size() < MAX_TRIAL_DETAILS; i--) {
            FrozenTrial t = all.get(i);
            if (t.state() != TrialState.COMPLETE) {
                keep.putIfAbsent(t.number(), t);
            }
        }
        return new ArrayList<>(keep.values());
    }

    private static void ask(DashboardApi api, Map<String, JsonNode> answers, String route, Map<String, String> query) {
        // the page's queryKey: route?k=v&k=v, names sorted, values as they are (a value may end in '?' or hold '&')
        StringBuilder key = new StringBuilder(route).append('?');
        String sep = "";
        for (Map.Entry<String, String> e : new TreeMap<>(query).entrySet()) {
            key.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = "&";
        }
        try {
            answers.put(key.toString(), Json.parse(api.answer(route, query)));
        } catch (IllegalArgumentException e) {
            // a view this study cannot have (e.g. a contour with one parameter): the page says so
        }
    }

    private static String asset(String path) {
        return new String(new StaticAssets().bytes(path), StandardCharsets.UTF_8);
    }

    private static void script(StringBuilder b, String path) {
        String js = asset(path);
        String lower = js.toLowerCase(Locale.ROOT);
        if (lower.contains("</script") || lower.contains("<!--")) {
            throw new IllegalStateException(path + " contains '</script' or '<!--' and cannot be inlined as is");
        }
        b.append("<script>\n").append(js).append("\n</script>\n");
    }

    static String escapeHtml(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
