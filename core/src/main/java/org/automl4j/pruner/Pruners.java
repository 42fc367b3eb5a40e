package org.automl4j.pruner;

/** Factories for the built-in pruners. */
public final class Pruners {
    private Pruners() {
    }

    /** A pruner that never prunes. */
    public static Pruner none() {
        return NopPruner.INSTANCE;
    }
}
