package org.automl4j.learners;

import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXRef;

/**
 * A model that can write itself as ONNX operators (Tribuo's linear, logistic and SVM models can; trees,
 * KNN and the boosting libraries cannot). The operators go into the graph that {@code features} belongs
 * to, so a caller can put preprocessing before them and ensembling after.
 */
public interface OnnxWritable {

    /** Whether {@link #writeOnnx} works for this model. */
    boolean canWriteOnnx();

    /**
     * Writes this model's prediction.
     *
     * @param features float tensor {@code [rows, d]} with the columns of the dataset the model was fitted on
     * @param prefix   makes the names of the constants this model adds unique in the graph
     * @return {@code [rows, classes]} class probabilities in the training dataset's class order, or
     *     {@code [rows, 1]} regression values
     * @throws UnsupportedOperationException when {@link #canWriteOnnx()} is false
     */
    ONNXNode writeOnnx(ONNXRef<?> features, String prefix);
}
