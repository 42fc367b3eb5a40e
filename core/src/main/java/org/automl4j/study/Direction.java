package org.automl4j.study;

/** Whether an objective is minimised or maximised. */
public enum Direction {
    MINIMIZE,
    MAXIMIZE;

    /** {@code value} turned into a loss to minimise: itself when minimising, its negation when maximising. */
    public double toLoss(double value) {
        return this == MINIMIZE ? value : -value;
    }

    /** Whether {@code a} is strictly better than {@code b} in this direction. */
    public boolean isBetter(double a, double b) {
        return this == MINIMIZE ? a < b : a > b;
    }
}
