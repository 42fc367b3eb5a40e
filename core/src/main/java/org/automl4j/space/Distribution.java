package org.automl4j.space;

/**
 * The domain of one parameter. Every distribution maps its user-facing ("external") values to an
 * internal {@code double} and back: floats and ints map to themselves, categoricals to the index
 * of the choice. Samplers work on internal values; trials hand external values to user code.
 * Implementations are immutable records.
 */
public sealed interface Distribution permits FloatDistribution, IntDistribution, CategoricalDistribution {

    /** Whether {@code value} (an external value) lies in this domain. */
    boolean contains(Object value);

    /** Whether the internal representation {@code internal} stands for a value of this domain. */
    boolean containsInternal(double internal);

    /**
     * The internal representation of {@code value}.
     *
     * @throws IllegalArgumentException if the value is not in this domain
     */
    double toInternal(Object value);

    /**
     * The external value that {@code internal} stands for.
     *
     * @throws IllegalArgumentException if {@code internal} is not a valid internal value
     */
    Object toExternal(double internal);

    /** Whether the domain holds exactly one value. */
    boolean isSingle();

    /** A short name of the kind: {@code float}, {@code int} or {@code categorical}. */
    String kind();
}
