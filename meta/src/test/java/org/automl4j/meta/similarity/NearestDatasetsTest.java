package org.automl4j.meta.similarity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.automl4j.meta.features.MetaFeatureVector;
import org.junit.jupiter.api.Test;

class NearestDatasetsTest {

    private static MetaFeatureVector v(double rows, double classes, double skew) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("log_rows", rows);
        m.put("classes", classes);
        m.put("skewness_mean", skew);
        return new MetaFeatureVector(m);
    }

    @Test
    void theMostSimilarDatasetsComeFirstOnStandardisedFeatures() {
        Map<String, MetaFeatureVector> known = new LinkedHashMap<>();
        known.put("small-binary", v(5, 2, 0.1));
        known.put("big-binary", v(10, 2, 0.2));
        known.put("big-multiclass", v(10, 10, 3.0));
        known.put("no-skew-info", v(9.5, 2, Double.NaN));
        NearestDatasets index = new NearestDatasets(known);
        MetaFeatureVector query = v(9.8, 2, 0.25);
        assertEquals(List.of("big-binary", "no-skew-info"), index.nearest("query", query, 2));
        assertEquals(List.of("no-skew-info", "small-binary", "big-multiclass"),
                index.nearest("big-binary", known.get("big-binary"), 3), "a dataset is not its own neighbour");
        assertEquals(0.0, index.distance(query, query), 0.0);
    }
}
