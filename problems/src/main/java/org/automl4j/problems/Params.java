package org.automl4j.problems;

import java.util.Map;

/** Reading typed values from a parameter map, with clear errors. */
final class Params {

    private Params() {
    }

    static double num(Map<String, ?> params, String name) {
        Object v = params.get(name);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("parameter '" + name + "' must be a number, but got "
                    + (v == null ? "nothing" : v + " (" + v.getClass().getSimpleName() + ")")
                    + " in " + params);
        }
        return n.doubleValue();
    }

    static String str(Map<String, ?> params, String name) {
        Object v = params.get(name);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("parameter '" + name + "' must be a string, but got "
                    + (v == null ? "nothing" : v + " (" + v.getClass().getSimpleName() + ")")
                    + " in " + params);
        }
        return s;
    }

    /** Base-2 logarithm, exact for powers of two (like C's {@code log2}). */
    static double log2(double x) {
        if (x > 0 && Double.isFinite(x) && x >= Double.MIN_NORMAL
                && (Double.doubleToRawLongBits(x) & 0x000FFFFFFFFFFFFFL) == 0) {
            return Math.getExponent(x);
        }
        return Math.log(x) / Math.log(2.0);
    }

    static double sq(double x) {
        return x * x;
    }
}
