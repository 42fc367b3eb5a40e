package org.automl4j.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.automl4j.data.metrics.Metric;
import org.junit.jupiter.api.Test;

class LeaderboardTableTest {

    @Test
    void scoresStayInOneColumnWhateverTheLearnersNameLength() {
        List<LeaderboardEntry> board = List.of(
                new LeaderboardEntry(0, "lgbm_extra_trees", "p", 0.91, 1, 0.1, "COMPLETE", 0.5, Map.of()),
                new LeaderboardEntry(1, "knn", "p", 0.8, 1, 0.1, "COMPLETE", 0.5, Map.of()),
                new LeaderboardEntry(2, "svm", "p", Double.NaN, 1, 0.1, "TIMEOUT", 0, Map.of()));
        AutoMLResult r = new AutoMLResult(null, board, Metric.BALANCED_ACCURACY, 0.91, 0.91, 1, 3, "", Map.of());
        List<String> lines = r.leaderboardTable(10).lines().toList();
        int end = lines.get(0).indexOf("balanced_accuracy") + "balanced_accuracy".length();
        assertEquals(end, lines.get(1).indexOf("0.91") + "0.91000".length(), r.leaderboardTable(10));
        assertEquals(end, lines.get(2).indexOf("0.8") + "0.80000".length(), r.leaderboardTable(10));
        assertEquals(end, lines.get(3).indexOf("TIMEOUT") + "TIMEOUT".length(), r.leaderboardTable(10));
    }
}
