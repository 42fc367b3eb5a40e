package org.automl4j.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.automl4j.space.FloatDistribution;
import org.automl4j.storage.InMemoryStorage;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JSON API's contract (docs/dashboard-api.md), over HTTP against a server on a free port. */
class DashboardApiTest {

    static InMemoryStorage storage;
    static DashboardServer server;
    static Http http;

    @BeforeAll
    static void start() {
        storage = new InMemoryStorage();
        SampleStudies.createAll(storage);
        server = DashboardServer.start(storage, new DashboardOptions("127.0.0.1", 0, null));
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String q(String name) {
        return "?study=" + Http.enc(name);
    }

    @Test
    void studiesListHasEveryStudyWithStateCountsAndBestValue() {
        JsonNode list = http.json("/api/studies").get("studies");
        assertEquals(5, list.size());
        JsonNode hpo = list.get(0);
        assertEquals(SampleStudies.HPO, hpo.get("name").asText());
        assertEquals("minimize", hpo.get("directions").get(0).asText());
        assertEquals("hpo", hpo.get("kind").asText());
        assertEquals("idle", hpo.get("state").asText());
        assertEquals(50, hpo.get("trials").asInt());
        assertEquals(40, hpo.get("counts").get("COMPLETE").asInt());
        assertEquals(5, hpo.get("counts").get("PRUNED").asInt());
        assertEquals(5, hpo.get("counts").get("FAIL").asInt());
        double best = storage.bestTrial(SampleStudies.HPO).orElseThrow().value();
        assertEquals(best, hpo.get("best_value").asDouble());
        assertTrue(list.get(1).get("best_value").isNull(), "a multi-objective study has no single best value");
        assertEquals("automl", list.get(2).get("kind").asText());
        assertEquals("nas", list.get(3).get("kind").asText());
    }

    @Test
    void historyHasEveryCompletedTrialAndTheBestSoFar() {
        JsonNode h = http.json("/api/study/history" + q(SampleStudies.HPO));
        JsonNode numbers = h.get("number");
        JsonNode values = h.get("values").get(0);
        JsonNode best = h.get("best");
        assertEquals(SampleStudies.HPO_COMPLETE, numbers.size());
        double running = Double.POSITIVE_INFINITY;
        for (int i = 0; i < numbers.size(); i++) {
            running = Math.min(running, values.get(i).asDouble());
            assertEquals(running, best.get(i).asDouble(), 0.0, "best so far at trial " + numbers.get(i));
            assertEquals(TrialState.COMPLETE, storage.trial(SampleStudies.HPO, numbers.get(i).asInt()).state());
        }
        assertEquals(5, h.get("other").get("PRUNED").size());
        assertEquals(5, h.get("other").get("FAIL").size());
    }

    @Test
    void paramsAreColumnsAlignedWithTheCompletedTrials() {
        JsonNode p = http.json("/api/study/params" + q(SampleStudies.HPO));
        assertEquals(SampleStudies.HPO_COMPLETE, p.get("number").size());
        List<String> names = new ArrayList<>();
        p.get("params").forEach(x -> names.add(x.get("name").asText()));
        assertEquals(SampleStudies.HPO_PARAMS, names);
        JsonNode booster = p.get("params").get(2);
        assertEquals("categorical", booster.get("kind").asText());
        assertEquals(3, booster.get("choices").size());
        JsonNode lr = p.get("params").get(1);
        assertTrue(lr.get("log").asBoolean());
        int n = p.get("number").get(7).asInt();
        FrozenTrial t = storage.trial(SampleStudies.HPO, n);
        assertEquals((double) t.params().get("x"), p.get("params").get(0).get("values").get(7).asDouble(), 0.0);
        assertEquals(t.params().get("booster"), booster.get("values").get(7).asText());
        assertEquals(t.value(), p.get("objective").get(7).asDouble(), 0.0);
    }

    @Test
    void contourPutsEveryCompletedTrialInOneCell() {
        JsonNode c = http.json("/api/study/contour" + q(SampleStudies.HPO) + "&x=x&y=booster&bins=5");
        assertEquals(5, c.get("x").get("labels").size());
        assertEquals(List.of("gbtree", "dart", "linear"), texts(c.get("y").get("labels")));
        int sum = 0;
        for (JsonNode cell : c.get("cells")) {
            assertTrue(cell.get(3).asInt() > 0);
            assertTrue(cell.get(2).asDouble() <= cell.get(4).asDouble(), "best <= mean when minimising");
            sum += cell.get(3).asInt();
        }
        assertEquals(SampleStudies.HPO_COMPLETE, sum);
        assertEquals(400, http.get("/api/study/contour" + q(SampleStudies.HPO) + "&x=x&y=nope").statusCode());
        assertEquals(400, http.get("/api/study/contour" + q(SampleStudies.HPO) + "&x=x&y=x").statusCode());
    }

    @Test
    void importanceRanksTheDominantParameterFirst() {
        JsonNode imp = http.json("/api/study/importance" + q(SampleStudies.HPO));
        assertEquals(4, imp.get("importance").size());
        assertEquals("x", imp.get("importance").get(0).get("name").asText(), imp.toString());
        double sum = 0;
        for (JsonNode e : imp.get("importance")) {
            sum += e.get("importance").asDouble();
        }
        assertEquals(1.0, sum, 1e-9);
        assertEquals(SampleStudies.HPO_COMPLETE, imp.get("trials_used").asInt());
        JsonNode multi = http.json("/api/study/importance" + q(SampleStudies.MULTI));
        assertTrue(multi.get("error").asText().contains("single-objective"));
    }

    @Test
    void intermediateValuesCarryTheTrialState() {
        JsonNode iv = http.json("/api/study/intermediate" + q(SampleStudies.HPO));
        assertEquals(SampleStudies.HPO_CURVES, iv.get("total").asInt());
        assertEquals(SampleStudies.HPO_CURVES, iv.get("curves").size());
        long pruned = 0;
        for (JsonNode c : iv.get("curves")) {
            if (c.get("state").asText().equals("PRUNED")) {
                pruned++;
                assertEquals(3, c.get("steps").size());
            }
        }
        assertEquals(SampleStudies.HPO_PRUNED, pruned);
        JsonNode latest = http.json("/api/study/intermediate" + q(SampleStudies.HPO) + "&limit=4");
        assertEquals(4, latest.get("curves").size());
        assertEquals(48, latest.get("curves").get(3).get("number").asInt(), "the latest curves");
    }

    @Test
    void paretoFlagsExactlyTheNonDominatedTrials() {
        JsonNode p = http.json("/api/study/pareto" + q(SampleStudies.MULTI));
        int n = p.get("number").size();
        assertEquals(SampleStudies.MULTI_TRIALS, n);
        for (int i = 0; i < n; i++) {
            double a0 = p.get("values").get(i).get(0).asDouble();
            double a1 = p.get("values").get(i).get(1).asDouble();
            boolean dominated = false;
            for (int j = 0; j < n; j++) {
                double b0 = p.get("values").get(j).get(0).asDouble();
                double b1 = p.get("values").get(j).get(1).asDouble();
                // minimise the first objective, maximise the second
                dominated |= b0 <= a0 && b1 >= a1 && (b0 < a0 || b1 > a1);
            }
            assertEquals(!dominated, p.get("front").get(i).asBoolean(), "trial " + p.get("number").get(i));
        }
        JsonNode summary = http.json("/api/study" + q(SampleStudies.MULTI));
        long front = 0;
        for (JsonNode f : p.get("front")) {
            front += f.asBoolean() ? 1 : 0;
        }
        assertEquals(front, summary.get("pareto_size").asLong());
    }

    @Test
    void paretoSaysWhichTrialsAreInfeasibleSoTheChartDoesNotCallThemDominated() {
        InMemoryStorage s = new InMemoryStorage();
        s.createStudy("constrained", List.of(org.automl4j.study.Direction.MINIMIZE, org.automl4j.study.Direction.MINIMIZE));
        FloatDistribution x = FloatDistribution.of(0, 1);
        // trial 0 is better than every other in both objectives but infeasible; trial 2 is dominated by trial 1
        double[][] values = {{0, 0}, {1, 1}, {2, 2}};
        for (int i = 0; i < values.length; i++) {
            s.createTrial("constrained", FrozenTrial.builder().param("x", x, i / 4.0).values(values[i])
                    .systemAttr(FrozenTrial.CONSTRAINTS_ATTR, List.of(i == 0 ? 1.0 : 0.0)).build());
        }
        JsonNode p = StudyViews.pareto(new StudyCache(s).snapshot("constrained"));
        assertEquals(List.of(false, true, false), booleans(p.get("front")));
        assertEquals(List.of(false, true, true), booleans(p.get("feasible")));
    }

    private static List<Boolean> booleans(JsonNode a) {
        List<Boolean> out = new ArrayList<>();
        a.forEach(b -> out.add(b.asBoolean()));
        return out;
    }

    @Test
    void trialTableFiltersSortsAndPages() {
        String base = "/api/study/trials" + q(SampleStudies.HPO);
        JsonNode page = http.json(base + "&limit=20&offset=40");
        assertEquals(50, page.get("total").asInt());
        assertEquals(10, page.get("rows").size());
        assertEquals(40, page.get("rows").get(0).get("number").asInt());
        assertEquals(SampleStudies.HPO_PARAMS, texts(page.get("columns")));

        JsonNode failed = http.json(base + "&state=FAIL");
        assertEquals(5, failed.get("total").asInt());
        for (JsonNode r : failed.get("rows")) {
            assertTrue(r.get("failure").asText().startsWith("java.lang.IllegalStateException: diverged at epoch"));
        }
        JsonNode byValue = http.json(base + "&state=COMPLETE&sort=value&order=desc&limit=500");
        assertEquals(40, byValue.get("rows").size());
        for (int i = 1; i < 40; i++) {
            assertTrue(byValue.get("rows").get(i - 1).get("values").get(0).asDouble()
                    >= byValue.get("rows").get(i).get("values").get(0).asDouble());
        }
        JsonNode byParam = http.json(base + "&sort=param:depth&limit=500");
        for (int i = 1; i < 50; i++) {
            assertTrue(byParam.get("rows").get(i - 1).get("params").get("depth").asInt()
                    <= byParam.get("rows").get(i).get("params").get("depth").asInt());
        }
        JsonNode found = http.json(base + "&q=" + Http.enc("epoch 17"));
        assertEquals(1, found.get("total").asInt());
        assertEquals(17, found.get("rows").get(0).get("number").asInt());
        JsonNode ranged = http.json(base + "&min=5&max=20");
        for (JsonNode r : ranged.get("rows")) {
            double v = r.get("values").get(0).asDouble();
            assertTrue(v >= 5 && v <= 20);
        }

        for (String bad : List.of("&limit=0", "&limit=501", "&offset=-1", "&sort=color", "&order=up", "&state=DONE",
                "&min=abc")) {
            HttpResponse<String> r = http.get(base + bad);
            assertEquals(400, r.statusCode(), bad);
            String message = Http.parse(r.body()).get("error").asText();
            assertFalse(message.isBlank(), bad);
        }
    }

    @Test
    void oneTrialHasEverythingIncludingItsFailure() {
        JsonNode t = http.json("/api/study/trial" + q(SampleStudies.HPO) + "&number=7");
        assertEquals("FAIL", t.get("state").asText());
        assertEquals("diverged at epoch 7", t.get("failure").get("message").asText());
        assertTrue(t.get("failure").get("stack_trace").asText().contains("Train.java:7"));
        assertEquals(4, t.get("distributions").size());
        JsonNode curve = http.json("/api/study/trial" + q(SampleStudies.HPO) + "&number=4").get("intermediate");
        assertEquals(10, curve.get("steps").size());

        HttpResponse<String> missing = http.get("/api/study/trial" + q(SampleStudies.HPO) + "&number=50");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("numbered 0 to 49"), missing.body());
        HttpResponse<String> noStudy = http.get("/api/study/history?study=nope");
        assertEquals(404, noStudy.statusCode());
        assertTrue(Http.parse(noStudy.body()).get("error").asText().contains("no study named 'nope'"));
        assertEquals(400, http.get("/api/study/history").statusCode());
        assertEquals(404, http.get("/api/nothing").statusCode());
    }

    @Test
    void automlRunsShowLeaderboardAndEnsembleAndNasTheBestArchitectures() {
        JsonNode a = http.json("/api/study/automl" + q(SampleStudies.AUTOML));
        assertEquals(3, a.get("leaderboard").size());
        assertEquals("lightgbm", a.get("leaderboard").get(0).get("learner").asText());
        assertEquals(2, a.get("ensemble").get("members").size(), "the ensemble stored as JSON text is parsed");
        JsonNode summary = http.json("/api/study" + q(SampleStudies.AUTOML));
        assertFalse(summary.get("user_attrs").has("leaderboard"), "the big attributes have their own route");

        JsonNode arch = http.json("/api/study/architectures" + q(SampleStudies.NAS) + "&limit=3");
        assertEquals(SampleStudies.NAS_TRIALS, arch.get("total").asInt());
        assertEquals(3, arch.get("architectures").size());
        assertEquals(7, arch.get("architectures").get(0).get("number").asInt(), "maximised: the highest value first");
        assertTrue(arch.get("architectures").get(0).get("dot").asText().startsWith("digraph"));
    }

    @Test
    void aRunningStudyIsSeenOnTheNextPoll() {
        InMemoryStorage live = new InMemoryStorage();
        SampleStudies.hpo(live, "live", 10, 1);
        try (DashboardServer s = DashboardServer.start(live, new DashboardOptions("127.0.0.1", 0, null), java.time.Duration.ZERO)) {
            Http h = new Http(s.port());
            JsonNode before = h.json("/api/study?study=live");
            assertEquals(before.get("version").asText(), h.json("/api/study?study=live").get("version").asText(),
                    "nothing changed, same version");
            FrozenTrial running = live.createTrial("live", FrozenTrial.builder().state(TrialState.RUNNING)
                    .param("x", FloatDistribution.of(-5, 10), 1.0).build());
            JsonNode during = h.json("/api/study?study=live");
            assertNotEquals(before.get("version").asText(), during.get("version").asText());
            assertEquals("running", during.get("state").asText());
            live.setTrialIntermediateValue("live", running.number(), 0, 3.0);
            JsonNode reported = h.json("/api/study?study=live");
            assertNotEquals(during.get("version").asText(), reported.get("version").asText());
            live.finishTrial("live", running.number(), TrialState.COMPLETE, List.of(-1.0), null);
            JsonNode after = h.json("/api/study?study=live");
            assertEquals("idle", after.get("state").asText());
            assertEquals(-1.0, after.get("best").get("values").get(0).asDouble());
            JsonNode history = h.json("/api/study/history?study=live");
            assertEquals(running.number(), history.get("number").get(history.get("number").size() - 1).asInt());
            assertEquals(1, h.json("/api/studies").get("studies").get(0).get("counts").get("COMPLETE").asInt()
                    - before.get("counts").get("COMPLETE").asInt());
        }
    }

    @Test
    void userTextComesBackAsJsonDataNeverAsMarkup() {
        HttpResponse<String> r = http.get("/api/study/trials" + q(SampleStudies.XSS));
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElseThrow());
        JsonNode page = Http.parse(r.body());
        assertEquals(List.of(SampleStudies.XSS_PARAM, "choice"), texts(page.get("columns")));
        JsonNode t = http.json("/api/study/trial" + q(SampleStudies.XSS) + "&number=5");
        assertEquals(SampleStudies.XSS_MESSAGE, t.get("failure").get("message").asText());
    }

    @Test
    void onlyTheOwnAssetsAreServedAndNoPathLeavesThem() {
        HttpResponse<String> page = http.get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("static/app.js"));
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-eval"), csp);
        for (String path : StaticAssets.ASSETS.keySet()) {
            assertEquals(200, http.get(path).statusCode(), path);
        }
        int port = server.port();
        for (String attempt : List.of("/static/../pom.xml", "/static/..%2f..%2fpom.xml", "/static/%2e%2e/%2e%2e/etc/passwd",
                "/../../../../etc/passwd", "/static/vendor/../../org/automl4j/dashboard/DashboardServer.class",
                "/static/vendor/..%2F..%2F..%2Forg/automl4j/dashboard/DashboardServer.class",
                "/org/automl4j/dashboard/static/app.js", "/META-INF/resources/webjars/echarts/5.5.0/package.json",
                "/webjars/echarts/5.5.0/package.json", "/static/app.js%00.html", "/static/", "/static/vendor/",
                "/static//etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/static/app.js/../../../../../etc/passwd")) {
            String answer = Http.raw(port, attempt, "127.0.0.1:" + port);
            String status = answer.substring(0, answer.indexOf("\r\n"));
            assertFalse(status.contains(" 200 "), attempt + " -> " + status);
            assertFalse(answer.contains("root:") || answer.contains("<modelVersion>") || answer.contains("\"version\"")
                    || answer.contains("DashboardApi"), attempt + " leaked a file: " + answer);
        }
    }

    @Test
    void onLoopbackAForeignHostHeaderIsRefused() {
        String answer = Http.raw(server.port(), "/api/studies", "attacker.example:" + server.port());
        assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
        assertTrue(Http.raw(server.port(), "/api/studies", "localhost:" + server.port()).startsWith("HTTP/1.1 200"));
    }

    @Test
    void offLoopbackATokenIsGeneratedAndRequired() {
        try (DashboardServer s = DashboardServer.start(storage, new DashboardOptions("0.0.0.0", 0, null))) {
            String token = s.token();
            assertNotNull(token);
            assertTrue(token.matches("[0-9a-f]{32}"), token);
            assertTrue(s.url().endsWith(":" + s.port() + "/?token=" + token), s.url());
            Http h = new Http(s.port());
            HttpResponse<String> refused = h.get("/api/studies");
            assertEquals(401, refused.statusCode());
            assertTrue(refused.body().contains("access token"), refused.body());
            assertEquals(401, h.get("/").statusCode(), "the page too");
            assertEquals(401, h.get("/static/app.js").statusCode(), "and its assets");
            assertEquals(401, h.get("/api/studies?token=" + "0".repeat(32)).statusCode());
            HttpResponse<String> byQuery = h.get("/api/studies?token=" + token);
            assertEquals(200, byQuery.statusCode());
            String cookie = byQuery.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
            String pair = cookie.substring(0, cookie.indexOf(';'));
            assertEquals(200, h.get("/api/studies", "Cookie", pair).statusCode());
            assertEquals(200, h.get("/api/studies", "Authorization", "Bearer " + token).statusCode());
            assertEquals(200, h.get("/api/studies", "X-Automl4j-Token", token).statusCode());
            HttpResponse<String> page = h.get("/?token=" + token);
            assertEquals(302, page.statusCode(), "the token leaves the address bar");
        }
        String given = "my-own-token-1234567";
        try (DashboardServer s = DashboardServer.start(storage, new DashboardOptions("127.0.0.1", 0, given))) {
            Http h = new Http(s.port());
            assertEquals(401, h.get("/api/studies").statusCode(), "a given token is required on loopback too");
            assertEquals(200, h.get("/api/studies", "Authorization", "Bearer " + given).statusCode());
        }
    }

    @Test
    void badOptionsAreRefusedWithTheFix() {
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class, () -> new DashboardOptions("127.0.0.1", 70000, null));
        assertTrue(port.getMessage().contains("between 0 and 65535"));
        IllegalArgumentException token = assertThrows(IllegalArgumentException.class, () -> new DashboardOptions("127.0.0.1", 0, "short"));
        assertTrue(token.getMessage().contains("16 to 256"));
        IllegalStateException busy = assertThrows(IllegalStateException.class,
                () -> DashboardServer.start(storage, new DashboardOptions("127.0.0.1", server.port(), null)));
        assertTrue(busy.getMessage().contains("the port is in use") && busy.getMessage().contains("choose another --port"),
                busy.getMessage());
        // 203.0.113.0/24 is reserved for documentation: no machine has it, so the host is what is wrong, not the port
        IllegalStateException foreign = assertThrows(IllegalStateException.class,
                () -> DashboardServer.start(storage, new DashboardOptions("203.0.113.77", 0, null)));
        assertTrue(foreign.getMessage().contains("--host 203.0.113.77 is not an address of this machine"), foreign.getMessage());
    }

    @Test
    void aStudyAnotherProcessDeletedAndMadeAgainIsShownAfresh(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path file = dir.resolve("studies.db");
        // two storages on one file stand for the dashboard and, say, 'automl4j studies delete' plus a new run
        java.time.Clock later = java.time.Clock.fixed(java.time.Instant.parse("2030-01-01T00:00:00Z"), java.time.ZoneOffset.UTC);
        try (org.automl4j.storage.jdbc.JdbcStorage shown = org.automl4j.storage.jdbc.JdbcStorage.sqlite(file);
                org.automl4j.storage.jdbc.JdbcStorage other = org.automl4j.storage.jdbc.JdbcStorage.sqlite(file, later);
                DashboardServer s = DashboardServer.start(shown, new DashboardOptions("127.0.0.1", 0, null), java.time.Duration.ZERO)) {
            SampleStudies.hpo(shown, "again", 10, 1);
            Http h = new Http(s.port());
            assertEquals(10, h.json("/api/studies").get("studies").get(0).get("trials").asInt());
            assertEquals(10, h.json("/api/study" + q("again")).get("trials").asInt());
            other.deleteStudy("again");
            SampleStudies.hpo(other, "again", 3, 2);
            // the dashboard's storage had cached the old study's id: the list answered 500 and the study stayed empty
            assertEquals(3, h.json("/api/studies").get("studies").get(0).get("trials").asInt());
            assertEquals(3, h.json("/api/study" + q("again")).get("trials").asInt());
            assertEquals(3, h.json("/api/study/history" + q("again")).get("number").size());
            other.deleteStudy("again");
            assertEquals(404, h.get("/api/study" + q("again")).statusCode());
            assertEquals(0, h.json("/api/studies").get("studies").size());
        }
    }

    @Test
    void writesAreRefusedAsReadOnlyWithTheAllowedMethods() {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            HttpResponse<String> r = http.send(method, "/api/study" + q(SampleStudies.HPO));
            assertEquals(405, r.statusCode(), method);
            assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElseThrow());
            assertTrue(Http.parse(r.body()).get("error").asText().contains("read-only"), r.body());
        }
        assertEquals(200, http.send("HEAD", "/api/studies").statusCode());
    }

    @Test
    void sortKeysTheStudyDoesNotHaveAreRefusedNamingTheOnesItHas() {
        HttpResponse<String> second = http.get("/api/study/trials" + q(SampleStudies.HPO) + "&sort=value1");
        assertEquals(400, second.statusCode());
        assertTrue(Http.parse(second.body()).get("error").asText().contains("this study has 1 objective"), second.body());
        HttpResponse<String> param = http.get("/api/study/trials" + q(SampleStudies.HPO) + "&sort=" + Http.enc("param:nope"));
        assertEquals(400, param.statusCode());
        String message = Http.parse(param.body()).get("error").asText();
        assertTrue(message.contains("no parameter named 'nope'") && message.contains("booster"), message);
        HttpResponse<String> huge = http.get("/api/study/trials" + q(SampleStudies.HPO) + "&sort=value99999999999");
        assertEquals(400, huge.statusCode());
        assertTrue(Http.parse(huge.body()).get("error").asText().startsWith("sort: unknown key"), huge.body());
        assertEquals(200, http.get("/api/study/trials" + q(SampleStudies.MULTI) + "&sort=value1&order=desc").statusCode());
        assertEquals(200, http.get("/api/study/trials" + q(SampleStudies.HPO) + "&sort=" + Http.enc("param:booster")).statusCode());
    }

    /**
     * Studies at the edges (empty, every trial failed, only unfinished trials, conditional parameters with
     * non-finite learning curves, names with slashes, quotes and non-ASCII): every route answers JSON, 200
     * or a 400 with a message, never a server error.
     */
    @Test
    void oddStudiesGetAnAnswerFromEveryRoute() {
        InMemoryStorage odd = new InMemoryStorage();
        java.time.Instant t0 = java.time.Instant.parse("2026-01-01T00:00:00Z");
        FloatDistribution x = FloatDistribution.of(0, 1);
        org.automl4j.space.CategoricalDistribution kind = org.automl4j.space.CategoricalDistribution.of("svm", "tree");
        odd.createStudy("empty", List.of(org.automl4j.study.Direction.MINIMIZE));
        odd.createStudy("all failed", List.of(org.automl4j.study.Direction.MINIMIZE));
        for (int i = 0; i < 3; i++) {
            odd.createTrial("all failed", FrozenTrial.builder().param("x", x, i / 3.0).state(TrialState.FAIL)
                    .failure(new org.automl4j.trial.TrialFailure("E", "boom " + i, "")).start(t0).complete(t0).build());
        }
        odd.createStudy("unfinished", List.of(org.automl4j.study.Direction.MAXIMIZE, org.automl4j.study.Direction.MINIMIZE));
        odd.createTrial("unfinished", FrozenTrial.builder().param("x", x, 0.5).state(TrialState.RUNNING).start(t0).build());
        odd.createTrial("unfinished", FrozenTrial.builder().state(TrialState.WAITING).build());
        String conditional = "fit/data \"q\" 'é' ✓/2026";
        odd.createStudy(conditional, List.of(org.automl4j.study.Direction.MINIMIZE));
        for (int i = 0; i < 8; i++) {
            boolean svm = i % 2 == 0;
            FrozenTrial.Builder t = FrozenTrial.builder().param("kind", kind, svm ? "svm" : "tree")
                    .param(svm ? "C" : "depth", x, i / 8.0).start(t0).intermediateValue(0, 1)
                    .intermediateValue(1, Double.NaN).intermediateValue(2, Double.NEGATIVE_INFINITY);
            t = i == 7 ? t.state(TrialState.RUNNING) : t.values(i).complete(t0.plusSeconds(i));
            odd.createTrial(conditional, t.build());
        }
        try (DashboardServer s = DashboardServer.start(odd, new DashboardOptions("127.0.0.1", 0, null))) {
            Http h = new Http(s.port());
            for (String name : List.of("empty", "all failed", "unfinished", conditional)) {
                for (String route : DashboardApi.ROUTES) {
                    String path = route + q(name) + (route.equals("/api/study/trial") ? "&number=0" : "");
                    HttpResponse<String> r = h.get(path);
                    String error = Http.parse(r.body()).path("error").asText(null);
                    boolean emptyTrial = name.equals("empty") && route.equals("/api/study/trial");
                    boolean noContour = !name.equals(conditional) && route.equals("/api/study/contour");
                    int expected = emptyTrial ? 404 : noContour ? 400 : 200;
                    assertEquals(expected, r.statusCode(), path + " -> " + r.body());
                    assertTrue(expected == 200 || error != null, "a refusal says why: " + path + " -> " + r.body());
                }
            }
            JsonNode curves = h.json("/api/study/intermediate" + q(conditional)).get("curves");
            assertEquals(8, curves.size());
            JsonNode values = curves.get(0).get("values");
            assertTrue(values.get(1).isNull() && values.get(2).isNull(), "non-finite values come back as null: " + values);
            JsonNode params = h.json("/api/study/params" + q(conditional));
            assertEquals(List.of("kind", "C", "depth"), params.get("params").findValuesAsText("name"),
                    "a conditional parameter is a column with nulls where a trial did not have it");
        }
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(x -> out.add(x.asText()));
        return out;
    }

    static Set<Integer> ints(JsonNode array) {
        Set<Integer> out = new HashSet<>();
        array.forEach(x -> out.add(x.asInt()));
        return out;
    }
}
