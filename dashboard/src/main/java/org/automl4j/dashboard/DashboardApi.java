package org.automl4j.dashboard;

import java.util.List;
import java.util.Map;

/**
 * The JSON API, independent of HTTP: one answer (UTF-8 JSON bytes) per route and query. The server maps
 * {@code GET route?query} to {@link #answer}; the HTML report calls it directly to embed the same answers.
 * Answers that do not depend on the query's paging are memoised per study version.
 */
final class DashboardApi {

    /** Every route, as documented in {@code docs/dashboard-api.md}. */
    static final List<String> ROUTES = List.of("/api/studies", "/api/study", "/api/study/history", "/api/study/params",
            "/api/study/contour", "/api/study/importance", "/api/study/intermediate", "/api/study/pareto",
            "/api/study/trials", "/api/study/trial", "/api/study/automl", "/api/study/architectures");

    static final int DEFAULT_CURVES = 100;
    static final int MAX_CURVES = 1000;
    static final int DEFAULT_BINS = 20;
    static final int MAX_BINS = 100;
    static final int DEFAULT_ARCHITECTURES = 6;
    private static final int MAX_MEMO = 256;

    private final StudyCache cache;

    DashboardApi(StudyCache cache) {
        this.cache = cache;
    }

    /**
     * The answer to {@code GET route?query}.
     *
     * @throws IllegalArgumentException            for a missing or bad query parameter (HTTP 400)
     * @throws StudyCache.NoSuchStudyException      for an unknown study (HTTP 404)
     * @throws StudyViews.NoSuchTrialException      for an unknown trial (HTTP 404)
     * @throws UnknownRouteException                for a route not in {@link #ROUTES} (HTTP 404)
     */
    byte[] answer(String route, Map<String, String> query) {
        if (route.equals("/api/studies")) {
            return Json.bytes(StudyViews.studies(cache.summaries()));
        }
        if (!ROUTES.contains(route)) {
            throw new UnknownRouteException(route);
        }
        String name = query.get("study");
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("study: the study's name is required, e.g. " + route + "?study=NAME");
        }
        StudySnapshot s = cache.snapshot(name);
        return switch (route) {
            case "/api/study" -> memo(s, "summary", () -> StudyViews.summary(s));
            case "/api/study/history" -> memo(s, "history", () -> StudyViews.history(s));
            case "/api/study/params" -> memo(s, "params", () -> StudyViews.params(s));
            case "/api/study/contour" -> {
                String x = blankToNull(query.get("x"));
                String y = blankToNull(query.get("y"));
                int bins = bounded(query, "bins", DEFAULT_BINS, 2, MAX_BINS);
                yield memo(s, "contour\u0000" + x + "\u0000" + y + "\u0000" + bins, () -> StudyViews.contour(s, x, y, bins));
            }
            case "/api/study/importance" -> memo(s, "importance", () -> StudyViews.importance(s));
            case "/api/study/intermediate" -> {
                int limit = bounded(query, "limit", DEFAULT_CURVES, 1, MAX_CURVES);
                yield memo(s, "intermediate\u0000" + limit, () -> StudyViews.intermediate(s, limit));
            }
            case "/api/study/pareto" -> memo(s, "pareto", () -> StudyViews.pareto(s));
            case "/api/study/trials" -> Json.bytes(StudyViews.trials(s, TrialQuery.parse(query)));
            case "/api/study/trial" -> Json.bytes(StudyViews.trial(s, bounded(query, "number", -1, 0, Integer.MAX_VALUE)));
            case "/api/study/automl" -> memo(s, "automl", () -> StudyViews.automl(s));
            case "/api/study/architectures" -> {
                int limit = bounded(query, "limit", DEFAULT_ARCHITECTURES, 1, 100);
                yield memo(s, "arch\u0000" + limit, () -> StudyViews.architectures(s, limit));
            }
            default -> throw new UnknownRouteException(route);
        };
    }

    /**
     * The query parameters of a raw query string ({@code a=1&b=x%2Fy}), each name with its first value
     * (percent-decoded as UTF-8, {@code +} as a space; an empty value as null).
     *
     * @throws IllegalArgumentException naming the parameter when a percent-escape is malformed (a {@code %}
     *                                  not followed by two hex digits, e.g. a study name's own {@code %} sent
     *                                  unencoded), instead of dropping its value
     */
    static Map<String, String> parseQuery(String raw) {
        Map<String, String> q = new java.util.HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq), null);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), key);
            if (!q.containsKey(key)) {
                q.put(key, value.isEmpty() ? null : value);
            }
        }
        return q;
    }

    private static String decode(String s, String parameter) {
        try {
            return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException((parameter == null ? "query" : parameter) + ": bad percent-encoding in '"
                    + s + "': '%' must be followed by two hex digits; write a '%' of the value itself as %25 (encode"
                    + " values with encodeURIComponent, or curl -G --data-urlencode 'study=NAME')");
        }
    }

    private static byte[] memo(StudySnapshot s, String key, java.util.function.Supplier<com.fasterxml.jackson.databind.JsonNode> view) {
        if (s.memo().size() >= MAX_MEMO && !s.memo().containsKey(key)) {
            return Json.bytes(view.get());
        }
        return s.memo(key, () -> Json.bytes(view.get()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** An integer query parameter within {@code [lo, hi]}; {@code dflt < lo} makes it required. */
    static int bounded(Map<String, String> q, String name, int dflt, int lo, int hi) {
        String v = q.get(name);
        if (v == null || v.isBlank()) {
            if (dflt < lo) {
                throw new IllegalArgumentException(name + ": required, a whole number from " + lo);
            }
            return dflt;
        }
        int n;
        try {
            n = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": must be a whole number, but was '" + v + "'");
        }
        if (n < lo || n > hi) {
            throw new IllegalArgumentException(name + ": must be between " + lo + " and " + hi + ", but was " + n);
        }
        return n;
    }

    /** A path under {@code /api} that is no route. */
    static final class UnknownRouteException extends RuntimeException {
        UnknownRouteException(String route) {
            super("no API route " + route + "; the routes are " + ROUTES);
        }
    }
}
