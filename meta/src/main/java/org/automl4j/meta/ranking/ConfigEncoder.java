package org.automl4j.meta.ranking;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.automl4j.internal.ParamTransform;
import org.automl4j.space.CategoricalDistribution;
import org.automl4j.space.Distribution;
import org.automl4j.space.SearchSpace;

/**
 * Turns configurations (points of a search space, e.g. tabular pipelines) into fixed-width feature
 * vectors for the {@link PairwiseRanker}: a numeric parameter becomes its position in [0, 1] on its own
 * scale (log where the distribution has one), or -1 when the configuration does not set it (inactive);
 * a categorical parameter becomes one 0/1 column per choice (all 0 when inactive). Values outside a
 * distribution count as inactive.
 */
public final class ConfigEncoder {

    private final Map<String, Distribution> parameters;
    private final List<String> columns = new ArrayList<>();

    /** An encoder over the parameters of {@code space}. */
    public ConfigEncoder(SearchSpace space) {
        this.parameters = new LinkedHashMap<>(space.parameters());
        parameters.forEach((name, d) -> {
            if (d instanceof CategoricalDistribution c) {
                for (Object choice : c.choices()) {
                    columns.add(name + "=" + choice);
                }
            } else {
                columns.add(name);
            }
        });
    }

    /** The names of the columns, in order. */
    public List<String> columns() {
        return List.copyOf(columns);
    }

    /** The width of every encoded configuration. */
    public int width() {
        return columns.size();
    }

    /** {@code config} as a feature vector. */
    public double[] encode(Map<String, ?> config) {
        double[] out = new double[columns.size()];
        int j = 0;
        for (Map.Entry<String, Distribution> e : parameters.entrySet()) {
            Distribution d = e.getValue();
            Object v = config.get(e.getKey());
            boolean present = v != null && d.contains(v);
            if (d instanceof CategoricalDistribution c) {
                if (present) {
                    out[j + c.indexOf(v)] = 1;
                }
                j += c.size();
            } else {
                out[j++] = present ? ParamTransform.of(d).normalize(d.toInternal(v)) : -1;
            }
        }
        return out;
    }
}
