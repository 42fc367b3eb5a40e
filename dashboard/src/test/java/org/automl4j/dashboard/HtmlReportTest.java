package org.automl4j.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.automl4j.storage.InMemoryStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    static String dataOf(String html) {
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"automl4j-report-data\">(.*?)</script>",
                Pattern.DOTALL).matcher(html);
        assertTrue(m.find());
        return m.group(1);
    }

    @Test
    void theReportIsOnePageWithItsLibraryAndEveryAnswerInside(@TempDir Path dir) throws Exception {
        InMemoryStorage s = new InMemoryStorage();
        SampleStudies.createAll(s);
        Path out = dir.resolve("sub/report.html");
        HtmlReport.Written w = HtmlReport.write(s, SampleStudies.HPO, out);
        assertEquals(List.of("chart-history", "chart-importance", "chart-parallel", "chart-slice", "chart-contour",
                "chart-intermediate"), w.plots());
        String html = Files.readString(out);
        assertFalse(Pattern.compile("<script[^>]*\\ssrc=").matcher(html).find(), "no script is loaded from elsewhere");
        assertFalse(html.contains("<link rel=\"stylesheet\""));
        assertTrue(html.contains("Apache") && html.contains("echarts"), "ECharts is inlined");
        JsonNode data = Http.parse(dataOf(html));
        assertEquals(SampleStudies.HPO, data.get("study").asText());
        assertEquals(50, data.get("trials").get("rows").size());
        JsonNode answers = data.get("answers");
        assertTrue(answers.has("/api/study/history?study=" + SampleStudies.HPO));
        assertTrue(answers.has("/api/study/trial?number=49&study=" + SampleStudies.HPO));
        assertTrue(answers.has("/api/study/contour?study=" + SampleStudies.HPO + "&x=lr&y=depth"));
        assertEquals(12, answers.size() - 50 - 5, "4 x 3 ordered contour pairs besides 50 trials and 5 views");
        assertThrows(IllegalArgumentException.class, () -> HtmlReport.write(s, "nope", dir.resolve("x.html")));
    }

    @Test
    void aLargeStudysReportKeepsTheDetailsOfItsParetoFrontAndBestFeasibleTrials() {
        InMemoryStorage s = new InMemoryStorage();
        org.automl4j.space.FloatDistribution x = org.automl4j.space.FloatDistribution.of(0, 2000);
        s.createStudy("pareto", List.of(org.automl4j.study.Direction.MINIMIZE, org.automl4j.study.Direction.MINIMIZE));
        // Trial 0 (0, 1000) dominates trials 1..590 (k, 1000 + k); trials 591..600 (1000 + k, -k) are on the
        // front too, but last by the first objective.
        s.createTrial("pareto", org.automl4j.trial.FrozenTrial.builder().param("x", x, 0.0).values(0, 1000).build());
        for (int k = 1; k <= 590; k++) {
            s.createTrial("pareto", org.automl4j.trial.FrozenTrial.builder().param("x", x, (double) k)
                    .values(k, 1000 + k).build());
        }
        for (int k = 0; k < 10; k++) {
            s.createTrial("pareto", org.automl4j.trial.FrozenTrial.builder().param("x", x, 1000.0 + k)
                    .values(1000 + k, -k).build());
        }
        java.util.Set<Integer> kept = new java.util.HashSet<>();
        HtmlReport.detailed(new StudyCache(s).snapshot("pareto")).forEach(t -> kept.add(t.number()));
        for (int n : new int[] {0, 591, 595, 600}) {
            assertTrue(kept.contains(n), "front trial " + n + " has its details in the report");
        }

        s.createStudy("constrained", List.of(org.automl4j.study.Direction.MINIMIZE));
        // 300 infeasible trials better than the 300 feasible ones: the best feasible trial (300) is the study's best.
        for (int k = 0; k < 600; k++) {
            s.createTrial("constrained", org.automl4j.trial.FrozenTrial.builder().param("x", x, (double) k)
                    .values(k).systemAttr(org.automl4j.trial.FrozenTrial.CONSTRAINTS_ATTR, List.of(k < 300 ? 1.0 : -1.0))
                    .build());
        }
        assertEquals(300, s.bestTrial("constrained").orElseThrow().number());
        kept.clear();
        HtmlReport.detailed(new StudyCache(s).snapshot("constrained")).forEach(t -> kept.add(t.number()));
        assertTrue(kept.contains(300), "the best feasible trial has its details in the report");
    }

    @Test
    void onlyPlotsWithDataToDrawAreListedForPngExport(@TempDir Path dir) {
        InMemoryStorage s = new InMemoryStorage();
        org.automl4j.space.FloatDistribution x = org.automl4j.space.FloatDistribution.of(0, 1);
        s.createStudy("one param", List.of(org.automl4j.study.Direction.MINIMIZE));
        s.createStudy("one trial", List.of(org.automl4j.study.Direction.MINIMIZE));
        s.createStudy("no params", List.of(org.automl4j.study.Direction.MINIMIZE));
        for (int i = 0; i < 3; i++) {
            s.createTrial("one param", org.automl4j.trial.FrozenTrial.builder().param("x", x, i / 3.0).values(i)
                    .start(Instant.EPOCH).complete(Instant.EPOCH).build());
            s.createTrial("no params", org.automl4j.trial.FrozenTrial.builder().values(i).start(Instant.EPOCH)
                    .complete(Instant.EPOCH).build());
        }
        s.createTrial("one trial", org.automl4j.trial.FrozenTrial.builder().param("x", x, 0.5).param("y", x, 0.5)
                .values(1).start(Instant.EPOCH).complete(Instant.EPOCH).build());
        assertEquals(List.of("chart-history", "chart-importance", "chart-parallel", "chart-slice", "chart-intermediate"),
                HtmlReport.write(s, "one param", dir.resolve("a.html")).plots(), "no contour of one parameter");
        assertEquals(List.of("chart-history", "chart-parallel", "chart-slice", "chart-contour", "chart-intermediate"),
                HtmlReport.write(s, "one trial", dir.resolve("b.html")).plots(), "no importance from one trial");
        assertEquals(List.of("chart-history", "chart-intermediate"),
                HtmlReport.write(s, "no params", dir.resolve("c.html")).plots(), "nothing per parameter without one");
        s.createStudy("flat", List.of(org.automl4j.study.Direction.MINIMIZE));
        for (int i = 0; i < 3; i++) {
            s.createTrial("flat", org.automl4j.trial.FrozenTrial.builder().param("x", x, i / 3.0).values(1)
                    .start(Instant.EPOCH).complete(Instant.EPOCH).build());
        }
        assertEquals(List.of("chart-history", "chart-parallel", "chart-slice", "chart-intermediate"),
                HtmlReport.write(s, "flat", dir.resolve("d.html")).plots(), "no importance of an objective that never changes");
    }

    @Test
    void answersAreKeyedAsThePageAsksEvenForAStudyNameEndingInAQuestionMark() {
        InMemoryStorage s = new InMemoryStorage();
        String name = "a/b #1 ü&x%?";
        SampleStudies.hpo(s, name, 12, 3);
        JsonNode answers = Http.parse(dataOf(HtmlReport.render(s, name, Instant.EPOCH))).get("answers");
        // app.js queryKey: route + '?' + sorted k=v joined by '&'
        assertTrue(answers.has("/api/study/contour?study=" + name + "&x=x&y=lr"), "the contour the page asks for first");
        assertTrue(answers.has("/api/study/trial?number=0&study=" + name));
        assertTrue(answers.has("/api/study/history?study=" + name));
    }

    @Test
    void userTextCannotEndTheDataElementOrTheTitle() {
        InMemoryStorage s = new InMemoryStorage();
        SampleStudies.xss(s);
        String html = HtmlReport.render(s, SampleStudies.XSS, Instant.EPOCH);
        assertFalse(html.contains("window.__xss=2</script>"), "the failure message is escaped");
        assertFalse(html.contains("<img src=x"), "the parameter name is escaped");
        assertTrue(html.contains("<title>automl4j report: xss &lt;script&gt;window.__xss=4&lt;/script&gt;</title>"));
        long opened = Pattern.compile("<script").matcher(html).results().count();
        long closed = Pattern.compile("</script>").matcher(html).results().count();
        assertEquals(opened, closed);
        JsonNode data = Http.parse(dataOf(html));
        assertEquals(SampleStudies.XSS_MESSAGE, data.get("answers").get("/api/study/trial?number=5&study=" + SampleStudies.XSS)
                .get("failure").get("message").asText(), "escaped JSON still reads back as the same text");
    }
}
