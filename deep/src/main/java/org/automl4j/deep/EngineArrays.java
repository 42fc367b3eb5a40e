package org.automl4j.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Java arrays copied into memory the engine owns. On the CPU, PyTorch's tensor made by
 * {@code NDManager.create(float[])} can keep pointing at a direct buffer that Java frees when it is
 * collected, which shows as non-deterministic results and stray NaNs; these copies live as long as their
 * manager.
 */
public final class EngineArrays {

    private EngineArrays() {
    }

    /** A {@code [rows, columns]} float array owned by {@code m} (rows must be equally long). */
    public static NDArray matrix(NDManager m, float[][] rows) {
        int n = rows.length;
        int d = n == 0 ? 0 : rows[0].length;
        float[] flat = new float[n * d];
        for (int i = 0; i < n; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, row 0 has " + d);
            }
            System.arraycopy(rows[i], 0, flat, i * d, d);
        }
        return owned(m.create(flat, new Shape(n, d)));
    }

    /**
     * A float array of shape {@code shape} (row-major {@code values}) owned by {@code m}.
     *
     * @throws IllegalArgumentException if {@code values} does not hold exactly {@code shape.size()} numbers
     */
    public static NDArray tensor(NDManager m, float[] values, Shape shape) {
        if (values.length != shape.size()) {
            throw new IllegalArgumentException("shape " + shape + " holds " + shape.size() + " values, got " + values.length);
        }
        return owned(m.create(values, shape));
    }

    /** A float vector owned by {@code m}. */
    public static NDArray vector(NDManager m, float[] values) {
        return owned(m.create(values));
    }

    /** A long vector owned by {@code m}. */
    public static NDArray vector(NDManager m, long[] values) {
        return owned(m.create(values));
    }

    private static NDArray owned(NDArray wrapped) {
        NDArray copy = wrapped.duplicate();
        wrapped.close();
        return copy;
    }
}
