package org.automl4j.learners;

/**
 * A model that scores how much each input column contributed to it (LightGBM: total split gain), for
 * model-based feature selection.
 */
public interface FeatureImportances {

    /**
     * One non-negative score per column of the training dataset, in column order; larger is more important.
     *
     * @throws UnsupportedOperationException when the model no longer knows them (e.g. loaded from a file)
     */
    double[] featureImportances();
}
