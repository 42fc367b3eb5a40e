package org.automl4j.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class EngineArraysTest {

    @Test
    void aTensorCopiesTheValuesInTheGivenShapeAndOutlivesTheJavaArray() {
        DeepEngine engine = DeepEngine.start();
        try (NDManager m = engine.newManager()) {
            float[] values = {1, 2, 3, 4, 5, 6};
            NDArray t = EngineArrays.tensor(m, values, new Shape(1, 2, 3));
            java.util.Arrays.fill(values, -1f); // the engine holds its own copy
            assertEquals(new Shape(1, 2, 3), t.getShape());
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, t.toFloatArray());
            assertEquals(21f, t.sum().getFloat());
        }
    }

    @Test
    void aTensorWhoseShapeDoesNotFitTheValuesIsRejected() {
        DeepEngine engine = DeepEngine.start();
        try (NDManager m = engine.newManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> EngineArrays.tensor(m, new float[5], new Shape(2, 3)));
            assertTrue(e.getMessage().contains("holds 6 values, got 5"), e.getMessage());
        }
    }
}
