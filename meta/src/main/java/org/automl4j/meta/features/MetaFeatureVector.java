package org.automl4j.meta.features;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A dataset's meta-features by name, in a fixed order. Values are finite numbers, or NaN where a
 * feature does not apply (e.g. class entropy for regression, skewness without numeric columns).
 *
 * @param values name to value
 */
public record MetaFeatureVector(Map<String, Double> values) {

    public MetaFeatureVector {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(values, "values")));
    }

    /**
     * The value of {@code name}.
     *
     * @throws IllegalArgumentException naming the known features if there is none
     */
    public double get(String name) {
        Double v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no meta-feature '" + name + "'; known: " + values.keySet());
        }
        return v;
    }

    /**
     * Whether {@code other} describes the same dataset: the same features, each value equal up to a
     * relative 1e-6 (values stored with seven significant digits still match), NaN matching NaN.
     */
    public boolean sameAs(MetaFeatureVector other) {
        if (!values.keySet().equals(other.values.keySet())) {
            return false;
        }
        for (Map.Entry<String, Double> e : values.entrySet()) {
            double a = e.getValue();
            double b = other.values.get(e.getKey());
            if (Double.isNaN(a) || Double.isNaN(b)) {
                if (Double.isNaN(a) != Double.isNaN(b)) {
                    return false;
                }
            } else if (Math.abs(a - b) > 1e-6 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)))) {
                return false;
            }
        }
        return true;
    }
}
