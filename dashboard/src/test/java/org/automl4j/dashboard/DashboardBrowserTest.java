package org.automl4j.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.automl4j.storage.InMemoryStorage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (Debian's headless Chromium through Selenium): every plot draws the right
 * number of points, a trial opens, the table pages, sorts and filters, user text never runs, and the
 * report file draws the same. Screenshots go to {@code target/screenshots/}.
 */
class DashboardBrowserTest {

    static final Path SHOTS = Path.of("target", "screenshots");
    /** Reads, for every chart on the page, the number of data items ECharts holds per series after processing. */
    static final String CHART_COUNTS = """
            var out = {};
            Array.prototype.forEach.call(document.querySelectorAll('.chart'), function (dom) {
              var c = echarts.getInstanceByDom(dom);
              if (!c) return;
              var m = c.getModel(), counts = [];
              for (var i = 0; i < m.getSeriesCount(); i++) counts.push(m.getSeriesByIndex(i).getData().count());
              var opt = c.getOption();
              out[dom.id] = { series: counts, names: opt.series.map(function (s) { return s.name; }),
                markPoints: opt.series.filter(function (s) { return s.markPoint && s.markPoint.data && s.markPoint.data.length; }).length,
                axes: (opt.parallelAxis || []).length, drawn: c.getZr().storage.getDisplayList().length };
            });
            return JSON.stringify(out);
            """;

    static InMemoryStorage storage;
    static DashboardServer server;
    static Browser browser;
    static String base;

    @BeforeAll
    static void start() {
        Browser.assumeInstalled();
        storage = new InMemoryStorage();
        SampleStudies.createAll(storage);
        server = DashboardServer.start(storage, new DashboardOptions("127.0.0.1", 0, null));
        base = "http://127.0.0.1:" + server.port() + "/";
        browser = Browser.open(1400, 2400);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static JsonNode charts() {
        return Http.parse((String) browser.js(CHART_COUNTS));
    }

    static void openStudy(String name) {
        browser.go(base + "#/study/" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        browser.awaitReady();
    }

    static WebElement waitFor(String css) {
        return new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    static void waitText(String css, String text) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    @Test
    void everyPlotDrawsOnePointPerCompletedTrialAndATrialOpens() {
        browser.go(base);
        browser.awaitReady();
        assertEquals(5, browser.driver.findElements(By.cssSelector("#studies tbody tr")).size());
        browser.screenshot(SHOTS, "01-studies");

        browser.js("window.automl4j.ready = false;"); // the studies page was ready: wait for the study page's own
        browser.driver.findElement(By.cssSelector("#studies tr[data-study='" + SampleStudies.HPO + "'] a")).click();
        browser.awaitReady();
        JsonNode c = charts();
        int complete = SampleStudies.HPO_COMPLETE;
        assertEquals(List.of(complete, complete), ints(c.get("chart-history").get("series")), "trials and best so far");
        assertEquals(List.of(complete), ints(c.get("chart-parallel").get("series")));
        assertEquals(SampleStudies.HPO_PARAMS.size() + 1, c.get("chart-parallel").get("axes").asInt());
        assertEquals(List.of(complete, complete, complete, complete), ints(c.get("chart-slice").get("series")));
        assertEquals(List.of(SampleStudies.HPO_PARAMS.size()), ints(c.get("chart-importance").get("series")));
        JsonNode contour = new Http(server.port()).json("/api/study/contour?study=" + SampleStudies.HPO + "&x=x&y=lr");
        assertEquals(List.of(contour.get("cells").size()), ints(c.get("chart-contour").get("series")));
        assertEquals(SampleStudies.HPO_CURVES, c.get("chart-intermediate").get("series").size());
        assertEquals(SampleStudies.HPO_PRUNED, c.get("chart-intermediate").get("markPoints").asInt(), "pruned curves are marked");
        c.fields().forEachRemaining(e -> assertTrue(e.getValue().get("drawn").asInt() > 0, e.getKey() + " drew nothing"));
        assertEquals(25, browser.driver.findElements(By.cssSelector("#trial-table tbody tr")).size());
        assertEquals("1–25 of 50", browser.driver.findElement(By.id("page-info")).getText());
        browser.screenshot(SHOTS, "02-study");

        browser.driver.findElement(By.cssSelector("#trial-table tr[data-number='7']")).click();
        waitText("#trial-title", "Trial #7");
        assertEquals("java.lang.IllegalStateException: diverged at epoch 7", waitFor("#trial-failure").getText());
        assertEquals(4, browser.driver.findElements(By.cssSelector("#trial-params tbody tr")).size());
        assertTrue(browser.driver.getCurrentUrl().endsWith("/trial/7"));
        browser.screenshot(SHOTS, "03-trial");

        browser.driver.findElement(By.cssSelector("#trial-table tr[data-number='4']")).click();
        waitText("#trial-title", "Trial #4");
        waitFor("#chart-trial");
        new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(d -> charts().has("chart-trial"));
        assertEquals(List.of(10), ints(charts().get("chart-trial").get("series")), "its learning curve");
        assertEquals(List.of(), browser.consoleErrors());
    }

    @Test
    void theTrialTableSortsPagesAndFilters() {
        openStudy(SampleStudies.HPO);
        browser.driver.findElement(By.id("page-next")).click();
        waitText("#page-info", "26–50 of 50");
        browser.driver.findElement(By.cssSelector("#trial-table th[data-sort='value']")).click();
        waitText("#page-info", "1–25 of 50");
        double best = storage.bestTrial(SampleStudies.HPO).orElseThrow().value();
        String first = browser.driver.findElement(By.cssSelector("#trial-table tbody tr")).getAttribute("data-number");
        assertEquals(storage.bestTrial(SampleStudies.HPO).orElseThrow().number(), Integer.parseInt(first), "lowest value first, " + best);
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("filter-state"))).selectByValue("FAIL");
        waitText("#page-info", "1–5 of 5");
        for (WebElement cell : browser.driver.findElements(By.cssSelector("#trial-table tbody td.failure"))) {
            assertTrue(cell.getText().contains("diverged at epoch"), cell.getText());
        }
        browser.screenshot(SHOTS, "04-table-failed");
    }

    @Test
    void paretoFrontLeaderboardEnsembleAndArchitecturesAreDrawn() {
        openStudy(SampleStudies.MULTI);
        JsonNode pareto = new Http(server.port()).json("/api/study/pareto?study=" + SampleStudies.MULTI);
        int front = 0;
        for (JsonNode f : pareto.get("front")) {
            front += f.asBoolean() ? 1 : 0;
        }
        assertEquals(List.of(SampleStudies.MULTI_TRIALS - front, 0, front), ints(charts().get("chart-pareto").get("series")),
                "dominated, infeasible (none: no constraints) and front");
        assertEquals(List.of(SampleStudies.MULTI_TRIALS, SampleStudies.MULTI_TRIALS), ints(charts().get("chart-history").get("series")));
        browser.screenshot(SHOTS, "05-pareto");

        openStudy(SampleStudies.AUTOML);
        assertEquals(3, browser.driver.findElements(By.cssSelector("#leaderboard tbody tr")).size());
        assertTrue(browser.driver.findElement(By.id("ensemble")).getText().contains("ensemble_selection"));
        assertEquals(2, browser.driver.findElements(By.cssSelector("#ensemble tbody tr")).size(), "its members");
        browser.screenshot(SHOTS, "06-automl");

        openStudy(SampleStudies.NAS);
        assertEquals(DashboardApi.DEFAULT_ARCHITECTURES, browser.driver.findElements(By.cssSelector("#architectures .arch svg")).size());
        assertEquals("7", browser.driver.findElement(By.cssSelector("#architectures .arch")).getAttribute("data-trial"));
        assertTrue(browser.driver.findElements(By.cssSelector("#architectures .arch svg g.node")).size() >= 3 * DashboardApi.DEFAULT_ARCHITECTURES,
                "Graphviz drew the nodes");
        browser.screenshot(SHOTS, "07-nas");
        assertEquals(List.of(), browser.consoleErrors());
    }

    @Test
    void userTextIsShownAsTextAndNeverRuns() {
        openStudy(SampleStudies.XSS);
        browser.driver.findElement(By.cssSelector("#trial-table tr[data-number='5']")).click();
        waitText("#trial-title", "Trial #5");
        assertEquals("Boom: " + SampleStudies.XSS_MESSAGE, browser.driver.findElement(By.id("trial-failure")).getText());
        assertEquals(SampleStudies.XSS, browser.driver.findElement(By.cssSelector("#sec-summary h1")).getText());
        assertTrue(browser.driver.findElements(By.cssSelector("#trial-table th")).stream()
                .anyMatch(th -> th.getText().startsWith(SampleStudies.XSS_PARAM)), "the parameter's name is a column title");
        // hover over every chart so tooltips (HTML) are built from the user text too
        for (WebElement chart : browser.driver.findElements(By.cssSelector(".chart"))) {
            new org.openqa.selenium.interactions.Actions(browser.driver).moveToElement(chart).perform();
        }
        assertEquals(null, browser.js("return window.__xss;"), "no injected script ran");
        assertEquals(0L, browser.js("return document.querySelectorAll('img[src=x], b[onmouseover], main script').length;"));
        browser.screenshot(SHOTS, "08-escaping");
        browser.go(base);
        browser.awaitReady();
        assertEquals(null, browser.js("return window.__xss;"));
        assertEquals(List.of(), browser.consoleErrors());
    }

    @Test
    void theReportFileDrawsTheSamePlotsWithoutAServer(@TempDir Path dir) {
        Path hpo = dir.resolve("hpo.html");
        HtmlReport.write(storage, SampleStudies.HPO, hpo);
        browser.go(hpo.toUri().toString());
        browser.awaitReady();
        JsonNode c = charts();
        int complete = SampleStudies.HPO_COMPLETE;
        assertEquals(List.of(complete, complete), ints(c.get("chart-history").get("series")));
        assertEquals(List.of(complete), ints(c.get("chart-parallel").get("series")));
        assertEquals(SampleStudies.HPO_CURVES, c.get("chart-intermediate").get("series").size());
        assertEquals("1–25 of 50", browser.driver.findElement(By.id("page-info")).getText());
        browser.driver.findElement(By.cssSelector("#trial-table tr[data-number='17']")).click();
        waitText("#trial-title", "Trial #17");
        assertTrue(browser.driver.findElement(By.id("trial-failure")).getText().contains("diverged at epoch 17"));
        browser.screenshot(SHOTS, "09-report");

        Path xss = dir.resolve("xss.html");
        HtmlReport.write(storage, SampleStudies.XSS, xss);
        browser.go(xss.toUri().toString());
        browser.awaitReady();
        browser.driver.findElement(By.cssSelector("#trial-table tr[data-number='5']")).click();
        waitText("#trial-title", "Trial #5");
        assertEquals("Boom: " + SampleStudies.XSS_MESSAGE, browser.driver.findElement(By.id("trial-failure")).getText());
        assertEquals(null, browser.js("return window.__xss;"));

        Path nas = dir.resolve("nas.html");
        HtmlReport.write(storage, SampleStudies.NAS, nas);
        browser.go(nas.toUri().toString());
        browser.awaitReady();
        assertEquals(DashboardApi.DEFAULT_ARCHITECTURES, browser.driver.findElements(By.cssSelector("#architectures .arch svg")).size());
        assertEquals(List.of(), browser.consoleErrors());
    }

    @Test
    void theContourOffersOnlyParametersOfCompletedTrials() {
        // trial 0 failed with a parameter no completed trial has: the contour cannot use it, so it is not offered
        InMemoryStorage own = new InMemoryStorage();
        String name = "contour axes";
        own.createStudy(name, List.of(org.automl4j.study.Direction.MINIMIZE));
        org.automl4j.space.FloatDistribution u = org.automl4j.space.FloatDistribution.of(0, 1);
        java.time.Instant t0 = java.time.Instant.parse("2026-01-01T00:00:00Z");
        own.createTrial(name, org.automl4j.trial.FrozenTrial.builder().param("lost", u, 0.5)
                .state(org.automl4j.trial.TrialState.FAIL).failure(new org.automl4j.trial.TrialFailure("E", "m", ""))
                .start(t0).complete(t0).build());
        for (int i = 1; i <= 6; i++) {
            own.createTrial(name, org.automl4j.trial.FrozenTrial.builder().param("a", u, i / 7.0).param("b", u, 1 - i / 7.0)
                    .values(i).start(t0).complete(t0.plusSeconds(i)).build());
        }
        try (DashboardServer s = DashboardServer.start(own, new DashboardOptions("127.0.0.1", 0, null))) {
            browser.go("http://127.0.0.1:" + s.port() + "/#/study/contour%20axes");
            browser.awaitReady();
            List<String> offered = browser.driver.findElements(By.cssSelector("#contour-x option")).stream()
                    .map(o -> o.getAttribute("value")).toList();
            assertEquals(List.of("a", "b"), offered);
            JsonNode contour = new Http(s.port()).json("/api/study/contour?study=contour%20axes&x=a&y=b");
            assertEquals(List.of(contour.get("cells").size()), ints(charts().get("chart-contour").get("series")),
                    "the contour is drawn, not replaced by an error");
        }
    }

    @Test
    void theReportSortsAParameterWithNumberAndTextChoicesAsTheServerDoes(@TempDir Path dir) {
        InMemoryStorage own = new InMemoryStorage();
        String name = "mixed choices";
        own.createStudy(name, List.of(org.automl4j.study.Direction.MINIMIZE));
        org.automl4j.space.CategoricalDistribution c = org.automl4j.space.CategoricalDistribution.of(2, 10, "1x", 0.5, "sqrt");
        java.time.Instant t0 = java.time.Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 20; i++) {
            own.createTrial(name, org.automl4j.trial.FrozenTrial.builder().param("c", c, c.choices().get((i * 7) % 5))
                    .values(i).start(t0).complete(t0.plusSeconds(i)).build());
        }
        JsonNode server = Http.parse(new String(new DashboardApi(new StudyCache(own)).answer("/api/study/trials",
                java.util.Map.of("study", name, "sort", "param:c", "limit", "500")), java.nio.charset.StandardCharsets.UTF_8));
        List<String> expected = server.get("rows").findValuesAsText("number");
        Path report = dir.resolve("mixed.html");
        HtmlReport.write(own, name, report);
        browser.go(report.toUri().toString());
        browser.awaitReady();
        browser.driver.findElement(By.cssSelector("#trial-table th[data-sort='param:c']")).click();
        // sorted once the rows leave trial-number order
        new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(d -> !"0".equals(
                d.findElement(By.cssSelector("#trial-table tbody tr")).getAttribute("data-number")));
        List<String> shown = browser.driver.findElements(By.cssSelector("#trial-table tbody tr")).stream()
                .map(r -> r.getAttribute("data-number")).toList();
        assertEquals(expected, shown, "numbers first in numeric order, then text, as /api/study/trials");
    }

    static List<Integer> ints(JsonNode a) {
        List<Integer> out = new java.util.ArrayList<>();
        a.forEach(x -> out.add(x.asInt()));
        return out;
    }
}
