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

    /** An engine-owned array holding {@code data} with {@code shape}, attached to {@code m}. */
    public static NDArray create(NDManager m, float[] data, Shape shape) {
        NDArray wrapped = m.create(data, shape);
        NDArray owned = wrapped.duplicate();
        wrapped.close();
        return owned;
    }
}
