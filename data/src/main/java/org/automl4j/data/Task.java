package org.automl4j.data;

/** What a model predicts. */
public enum Task {
    /** Two classes. */
    BINARY,
    /** More than two classes. */
    MULTICLASS,
    /** A real number. */
    REGRESSION;

    /** Whether this is a classification task. */
    public boolean isClassification() {
        return this != REGRESSION;
    }
}
