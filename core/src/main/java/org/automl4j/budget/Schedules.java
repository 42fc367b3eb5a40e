package org.automl4j.budget;

import java.util.ArrayList;
import java.util.List;

/** Schedules shared by the budget records. */
final class Schedules {
    private Schedules() {
    }

    /** The levels {@code min * factor^k} below max (distinct steps only), then max itself. */
    static List<Double> geometric(Budget b, double factor) {
        List<Double> out = new ArrayList<>();
        long last = -1;
        for (double level = b.minAmount(); level < b.maxAmount() * (1 - 1e-9); level *= factor) {
            long step = b.toStep(level);
            if (step > last) {
                out.add(level);
                last = step;
            }
        }
        if (b.maxStep() > last) {
            out.add(b.maxAmount());
        }
        return List.copyOf(out);
    }
}
