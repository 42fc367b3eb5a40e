package org.automl4j.metagrad.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Creating engine arrays from Java data safely. On the CPU, DJL 0.36's PyTorch engine makes an array from a
 * {@code float[]} by wrapping a Java direct buffer ({@code torch::from_blob}); the native tensor does not own
 * that memory, and once the Java array object is closed the buffer can be garbage-collected while views and
 * autograd's saved tensors still point into it. automl4j saw this as non-deterministic results and NaNs in
 * MAML training. {@link #create} therefore copies once into engine-owned memory.
 */
public final class Tensors {
    private Tensors() {
    }

    /**
     * Per-task example rows {@code x[t][i]} as one engine-owned {@code [T, n, width]} array.
     *
     * @throws IllegalArgumentException when the tasks have different numbers of examples or a row is not
     *                                  {@code width} long ({@code network} names what takes them, for the message)
     */
    public static NDArray stackTasks(NDManager m, float[][][] x, int width, String network) {
        int t = x.length;
        int n = x[0].length;
        float[] flat = new float[t * n * width];
        int k = 0;
        for (float[][] task : x) {
            if (task.length != n) {
                throw new IllegalArgumentException("every task in a batch needs the same number of examples: " + n
                        + " vs " + task.length);
            }
            for (float[] row : task) {
                if (row.length != width) {
                    throw new IllegalArgumentException("an example has " + row.length + " values, but " + network
                            + " takes " + width);
                }
                System.arraycopy(row, 0, flat, k, width);
                k += width;
            }
        }
        return create(m, flat, new Shape(t, n, width));
    }

    /** The rows of a {@code [1, n, c]} (or {@code [n, c]}) array as {@code float[n][c]}. */
    public static float[][] rows(NDArray a) {
        long[] shape = a.getShape().getShape();
        int c = (int) shape[shape.length - 1];
        int n = (int) (a.size() / c);
        float[] flat = a.toFloatArray();
        float[][] out = new float[n][c];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * c, out[i], 0, c);
        }
        return out;
    }

    /**
     * A 0-d engine-owned array holding {@code v}, attached to {@code m}: the operand to use for a constant in any
     * operation that is differentiated. DJL 0.36's {@code x.mul(2f)} (likewise {@code div}, {@code maximum},
     * {@code minimum} and {@code pow} with a number) makes its scalar with {@code from_blob} over a Java buffer and
     * closes it right after the operation, while PyTorch's autograd keeps that scalar for the backward pass; once
     * the buffer is collected, the backward reads freed memory and the gradient is wrong (measured: 0 or 3e-20
     * instead of 2.5 in most of 200 rounds with a garbage collection between forward and backward).
     */
    public static NDArray scalar(NDManager m, float v) {
        return create(m, new float[] {v}, new Shape());
    }

    /** An engine-owned array holding {@code data} with {@code shape}, attached to {@code m}. */
    public static NDArray create(NDManager m, float[] data, Shape shape) {
        NDArray wrapped = m.create(data, shape);
        NDArray owned = wrapped.duplicate();
        wrapped.close();
        return owned;
    }
}
