package org.automl4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DashboardBenchmarkTest {

    @Test
    void apiRoutesOfASmallStudyNameOnlyTrialsItHas() {
        // --trials 300 used to ask for trial 9876 and end the benchmark with "answered 404".
        Map<String, String> routes = DashboardBenchmark.apiRoutes(300);
        assertEquals("/api/study/trial?study=" + DashboardBenchmark.STUDY + "&number=299", routes.get("trial"));
        assertEquals("/api/study/trials?study=" + DashboardBenchmark.STUDY + "&offset=150&limit=50",
                routes.get("trials_page"));
    }

    @Test
    void apiRoutesOfTheRecordedTenThousandTrialStudyAreUnchanged() {
        Map<String, String> routes = DashboardBenchmark.apiRoutes(10_000);
        assertEquals("/api/study/trial?study=" + DashboardBenchmark.STUDY + "&number=9876", routes.get("trial"));
        assertEquals("/api/study/trials?study=" + DashboardBenchmark.STUDY + "&offset=5000&limit=50",
                routes.get("trials_page"));
    }
}
