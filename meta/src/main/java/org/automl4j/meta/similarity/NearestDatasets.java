package org.automl4j.meta.similarity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.automl4j.meta.features.MetaFeatureVector;

/**
 * The k known datasets nearest to a new one: Euclidean distance over meta-features standardised by
 * their mean and standard deviation across the known datasets, using only features finite for both
 * (averaged per feature, so datasets with fewer shared features are not favoured). Ties go to the
 * name first in alphabetical order.
 */
public final class NearestDatasets {

    private final Map<String, MetaFeatureVector> known;
    private final Map<String, double[]> stats = new LinkedHashMap<>();

    /** An index of {@code known} datasets by name. */
    public NearestDatasets(Map<String, MetaFeatureVector> known) {
        if (known.isEmpty()) {
            throw new IllegalArgumentException("no known datasets to compare with");
        }
        this.known = new LinkedHashMap<>(known);
        for (MetaFeatureVector v : known.values()) {
            for (String f : v.values().keySet()) {
                stats.computeIfAbsent(f, k -> meanSd(k));
            }
        }
    }

    private double[] meanSd(String feature) {
        double sum = 0;
        int n = 0;
        for (MetaFeatureVector v : known.values()) {
            Double x = v.values().get(feature);
            if (x != null && Double.isFinite(x)) {
                sum += x;
                n++;
            }
        }
        double mean = n == 0 ? 0 : sum / n;
        double ss = 0;
        for (MetaFeatureVector v : known.values()) {
            Double x = v.values().get(feature);
            if (x != null && Double.isFinite(x)) {
                ss += (x - mean) * (x - mean);
            }
        }
        double sd = n < 2 ? 0 : Math.sqrt(ss / n);
        return new double[] {mean, sd > 0 ? sd : 1};
    }

    /** Distance between two datasets' meta-features (standardised, mean squared difference, square-rooted). */
    public double distance(MetaFeatureVector a, MetaFeatureVector b) {
        double sum = 0;
        int n = 0;
        for (Map.Entry<String, Double> e : a.values().entrySet()) {
            Double other = b.values().get(e.getKey());
            double[] ms = stats.get(e.getKey());
            if (other == null || ms == null || !Double.isFinite(e.getValue()) || !Double.isFinite(other)) {
                continue;
            }
            double d = (e.getValue() - other) / ms[1];
            sum += d * d;
            n++;
        }
        return n == 0 ? Double.POSITIVE_INFINITY : Math.sqrt(sum / n);
    }

    /** The {@code k} nearest known datasets to {@code query}, nearest first (the query's own name excluded). */
    public List<String> nearest(String queryName, MetaFeatureVector query, int k) {
        List<String> names = new ArrayList<>(known.keySet());
        names.remove(queryName);
        names.sort(Comparator.comparingDouble((String n) -> distance(query, known.get(n))).thenComparing(n -> n));
        return List.copyOf(names.subList(0, Math.min(k, names.size())));
    }
}
