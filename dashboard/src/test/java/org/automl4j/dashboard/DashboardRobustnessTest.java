package org.automl4j.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import org.automl4j.space.FloatDistribution;
import org.automl4j.storage.InMemoryStorage;
import org.automl4j.storage.Storage;
import org.automl4j.storage.StorageException;
import org.automl4j.study.Direction;
import org.automl4j.trial.FrozenTrial;
import org.junit.jupiter.api.Test;

/**
 * A misbehaving client or storage against the server: whatever goes wrong, the answer is the API's JSON
 * error with a 4xx or 5xx status, and it names no file and carries no stack trace.
 */
class DashboardRobustnessTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** A storage that runs {@code before} ahead of each call (it may throw, or change the delegate) and then delegates. */
    static Storage hooked(InMemoryStorage delegate, BiFunction<String, Object[], Void> before) {
        return (Storage) Proxy.newProxyInstance(Storage.class.getClassLoader(), new Class<?>[] {Storage.class},
                (proxy, method, args) -> {
                    before.apply(method.getName(), args == null ? new Object[0] : args);
                    return call(delegate, method, args);
                });
    }

    private static Object call(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    static void assertJsonError(HttpResponse<String> r, int status, String path) {
        assertEquals(status, r.statusCode(), path + " -> " + r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), path + " -> "
                + r.headers().map());
        JsonNode e = Http.parse(r.body());
        assertEquals(status, e.get("status").asInt(), r.body());
        assertFalse(e.get("error").asText().isBlank(), r.body());
    }

    static DashboardServer serve(Storage s) {
        return DashboardServer.start(s, new DashboardOptions("127.0.0.1", 0, null), java.time.Duration.ZERO);
    }

    @Test
    void requestsJettyRefusesBeforeAnyRouteGetTheJsonErrorNotAnHtmlPage() {
        InMemoryStorage st = new InMemoryStorage();
        try (DashboardServer s = serve(st)) {
            Http h = new Http(s.port());
            String tooLong = "/api/study?study=" + "L".repeat(9000);
            HttpResponse<String> r = h.get(tooLong);
            assertJsonError(r, 414, "a 9,000-character study name");
            assertTrue(Http.parse(r.body()).get("error").asText().contains("too long"), r.body());
            HttpResponse<String> headers = h.get("/api/studies", "X-Big", "h".repeat(20_000));
            assertJsonError(headers, 431, "a 20 KB header");
            String bad = Http.raw(s.port(), "/api/%zz", "127.0.0.1:" + s.port());
            assertTrue(bad.startsWith("HTTP/1.1 400"), bad);
            assertTrue(bad.contains("application/json") && bad.contains("\"error\":\"bad request"), bad);
            assertFalse(bad.contains("<html"), bad);
        }
    }

    @Test
    void anUnencodedPercentInAStudyNameIsABadEncodingNotAMissingStudy() {
        InMemoryStorage st = new InMemoryStorage();
        st.createStudy("100%", List.of(Direction.MINIMIZE));
        try (DashboardServer s = serve(st)) {
            Http h = new Http(s.port());
            for (String raw : List.of("/api/study?study=100%", "/api/study?study=100%zz", "/api/study/trials?study=100%25&limit=5%")) {
                String answer = Http.raw(s.port(), raw, "127.0.0.1:" + s.port());
                assertTrue(answer.startsWith("HTTP/1.1 400"), raw + " -> " + answer);
                String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
                String error = Http.parse(body).get("error").asText();
                assertTrue(error.contains("bad percent-encoding") && error.contains("%25"), raw + " -> " + error);
                assertFalse(error.contains("required"), error);
            }
            assertTrue(Http.parse(Http.raw(s.port(), "/api/study/trials?study=100%zz", "127.0.0.1:" + s.port())
                    .split("\r\n\r\n", 2)[1]).get("error").asText().startsWith("study:"), "the parameter is named");
            assertEquals("100%", h.json("/api/study?study=" + Http.enc("100%")).get("name").asText());
            assertEquals("100%", h.json("/api/study?study=100%25&unused=a+b").get("name").asText());
        }
    }

    @Test
    void aFailingStorageIsA503AndAServerErrorA500NeitherNamingFilesOrShowingTheException() {
        InMemoryStorage st = new InMemoryStorage();
        SampleStudies.hpo(st, "broken", 5, 1);
        SampleStudies.hpo(st, "buggy", 5, 1);
        Storage failing = hooked(st, (method, args) -> {
            if (method.equals("trials") && args[0].equals("broken")) {
                throw new StorageException("cannot read /home/alice/secret/runs/studies.db: database is locked");
            }
            if (method.equals("trials") && args[0].equals("buggy")) {
                throw new IllegalStateException("bug reading /home/alice/secret/runs/studies.db");
            }
            return null;
        });
        try (DashboardServer s = serve(failing)) {
            Http h = new Http(s.port());
            HttpResponse<String> storage = h.get("/api/study/history?study=broken");
            assertJsonError(storage, 503, "a storage error");
            HttpResponse<String> bug = h.get("/api/study/history?study=buggy");
            assertJsonError(bug, 500, "a server bug");
            for (HttpResponse<String> r : List.of(storage, bug)) {
                assertFalse(r.body().contains("/home/alice") || r.body().contains("secret"), "no file path: " + r.body());
                assertFalse(r.body().contains("Exception") || r.body().contains("\tat "), "no exception: " + r.body());
                assertTrue(Http.parse(r.body()).get("error").asText().contains("log"), "says where to look: " + r.body());
            }
        }
    }

    @Test
    void aStudyDeletedWhileTheDashboardReadsItIsGoneNotAServerError() {
        InMemoryStorage st = new InMemoryStorage();
        SampleStudies.hpo(st, "kept", 5, 1);
        SampleStudies.hpo(st, "listed then deleted", 5, 2);
        SampleStudies.hpo(st, "found then deleted", 5, 3);
        // another process deletes a study right after the dashboard saw it exist, before it reads the trials:
        // while the list is read the first, then (armed) the second
        java.util.concurrent.atomic.AtomicReference<String> victim = new java.util.concurrent.atomic.AtomicReference<>(
                "listed then deleted");
        Storage racing = hooked(st, (method, args) -> {
            if (method.equals("trials") && args[0].equals(victim.get())) {
                st.deleteStudy(victim.getAndSet(null));
            }
            return null;
        });
        try (DashboardServer s = serve(racing)) {
            Http h = new Http(s.port());
            JsonNode list = h.json("/api/studies").get("studies");
            assertEquals(List.of("kept", "found then deleted"), list.findValuesAsText("name"),
                    "the study deleted after the list was read is left out");
            victim.set("found then deleted");
            HttpResponse<String> gone = h.get("/api/study?study=" + Http.enc("found then deleted"));
            assertJsonError(gone, 404, "a study deleted while being read");
            assertTrue(gone.body().contains("no study named 'found then deleted'"), gone.body());
            assertEquals(5, h.json("/api/study?study=kept").get("trials").asInt());
        }
    }

    @Test
    void nonFiniteAttributesComeBackAsNullLikeEveryOtherNumber() {
        InMemoryStorage st = new InMemoryStorage();
        st.createStudy("attrs", List.of(Direction.MINIMIZE));
        st.setStudyUserAttr("attrs", "nan", Double.NaN);
        st.setStudyUserAttr("attrs", "scores", List.of(1.5, Double.POSITIVE_INFINITY));
        st.setStudyUserAttr("attrs", "nested", java.util.Map.of("loss", Double.NEGATIVE_INFINITY));
        st.createTrial("attrs", FrozenTrial.builder().param("x", FloatDistribution.of(0, 1), 0.5).values(1.0)
                .userAttr("ratio", Double.NaN).start(T0).complete(T0).build());
        try (DashboardServer s = serve(st)) {
            Http h = new Http(s.port());
            JsonNode attrs = h.json("/api/study?study=attrs").get("user_attrs");
            assertTrue(attrs.get("nan").isNull(), attrs.toString());
            assertEquals(1.5, attrs.get("scores").get(0).asDouble());
            assertTrue(attrs.get("scores").get(1).isNull(), attrs.toString());
            assertTrue(attrs.get("nested").get("loss").isNull(), attrs.toString());
            JsonNode trial = h.json("/api/study/trial?study=attrs&number=0").get("user_attrs");
            assertTrue(trial.get("ratio").isNull(), trial.toString());
        }
    }

    @Test
    void sortingByACategoricalWithNumberAndTextChoicesPutsNumbersFirstInOrder() {
        InMemoryStorage st = new InMemoryStorage();
        st.createStudy("mixed", List.of(Direction.MINIMIZE));
        // max_features-style choices: numbers and words
        org.automl4j.space.CategoricalDistribution c = org.automl4j.space.CategoricalDistribution.of(2, 10, "1x", 0.5, "sqrt", 7);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        for (int i = 0; i < 200; i++) {
            st.createTrial("mixed", FrozenTrial.builder().param("c", c, c.choices().get(rng.nextInt(c.size()))).values(i)
                    .start(T0).complete(T0).build());
        }
        try (DashboardServer s = serve(st)) {
            Http h = new Http(s.port());
            for (String order : List.of("asc", "desc")) {
                JsonNode rows = h.json("/api/study/trials?study=mixed&limit=500&order=" + order + "&sort="
                        + Http.enc("param:c")).get("rows");
                assertEquals(200, rows.size());
                List<JsonNode> keys = rows.findValues("c");
                List<JsonNode> sorted = new java.util.ArrayList<>(keys);
                java.util.Comparator<JsonNode> byKind = java.util.Comparator.comparing(n -> !n.isNumber());
                java.util.Comparator<JsonNode> within = (a, b) -> a.isNumber() && b.isNumber()
                        ? Double.compare(a.asDouble(), b.asDouble()) : a.asText().compareTo(b.asText());
                sorted.sort(order.equals("asc") ? byKind.thenComparing(within) : byKind.reversed().thenComparing(within.reversed()));
                assertEquals(sorted, keys, order);
            }
        }
    }

    @Test
    void aRefusedTokenIsA401NamingTheBearerSchemeWithTheJsonError() {
        InMemoryStorage st = new InMemoryStorage();
        try (DashboardServer s = DashboardServer.start(st, new DashboardOptions("127.0.0.1", 0, "a-token-of-16-chars"))) {
            Http h = new Http(s.port());
            for (HttpResponse<String> r : List.of(h.get("/api/studies"), h.get("/api/studies?token=wrong-token-16-chars"),
                    h.get("/api/studies", "Authorization", "Bearer nope"))) {
                assertJsonError(r, 401, "a missing or wrong token");
                assertEquals("Bearer realm=\"automl4j dashboard\"", r.headers().firstValue("WWW-Authenticate").orElse(null));
            }
            assertEquals(200, h.get("/api/studies", "Authorization", "Bearer a-token-of-16-chars").statusCode());
        }
    }

    @Test
    void importanceIsRefusedWithAReasonWhenNothingVariesInsteadOfEqualMadeUpShares() {
        InMemoryStorage st = new InMemoryStorage();
        FloatDistribution x = FloatDistribution.of(0, 1);
        org.automl4j.space.CategoricalDistribution only = org.automl4j.space.CategoricalDistribution.of("only");
        st.createStudy("flat objective", List.of(Direction.MINIMIZE));
        st.createStudy("fixed params", List.of(Direction.MINIMIZE));
        for (int i = 0; i < 6; i++) {
            st.createTrial("flat objective", FrozenTrial.builder().param("x", x, i / 6.0).param("y", x, 1 - i / 6.0)
                    .values(2.5).start(T0).complete(T0).build());
            st.createTrial("fixed params", FrozenTrial.builder().param("c", only, "only").param("x", x, 0.5)
                    .values(i).start(T0).complete(T0).build());
        }
        try (DashboardServer s = serve(st)) {
            Http h = new Http(s.port());
            JsonNode flat = h.json("/api/study/importance?study=" + Http.enc("flat objective"));
            assertEquals(0, flat.get("importance").size(), flat.toString());
            assertTrue(flat.get("error").asText().contains("the objective is 2.5 in every completed trial"), flat.toString());
            JsonNode fixed = h.json("/api/study/importance?study=" + Http.enc("fixed params"));
            assertEquals(0, fixed.get("importance").size(), fixed.toString());
            assertTrue(fixed.get("error").asText().contains("every parameter has one value"), fixed.toString());
            assertEquals(6, flat.get("trials_used").asInt(), "what was looked at is still said");
        }
    }

    @Test
    void contourCellsOfValuesNearTheDoubleRangeKeepAFiniteMean() {
        InMemoryStorage st = new InMemoryStorage();
        st.createStudy("huge", List.of(Direction.MAXIMIZE));
        FloatDistribution x = FloatDistribution.of(0, 1);
        for (int i = 0; i < 3; i++) {
            st.createTrial("huge", FrozenTrial.builder().param("x", x, 0.5).param("y", x, 0.5).values(1e308)
                    .start(T0).complete(T0).build());
        }
        try (DashboardServer s = serve(st)) {
            JsonNode cells = new Http(s.port()).json("/api/study/contour?study=huge").get("cells");
            assertEquals(1, cells.size());
            assertTrue(cells.get(0).get(4).isNumber(), "the mean is a number: " + cells);
            assertEquals(1e308, cells.get(0).get(4).asDouble(), 1e293);
            assertEquals(1e308, cells.get(0).get(2).asDouble());
        }
    }
}
