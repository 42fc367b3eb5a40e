package org.automl4j.learners.internal;

import com.google.protobuf.InvalidProtocolBufferException;
import org.tribuo.common.nearest.KNNModel;
import org.tribuo.common.nearest.protos.KNNModelProto;
import org.tribuo.math.la.SGDVector;
import org.tribuo.math.la.Tensor;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.regression.Regressor;

/**
 * k-nearest-neighbour regression predictions: the mean target of the {@code k} training rows nearest to each row.
 * Tribuo 4.3.2's {@code KNNModel} combines a regression row's neighbours with {@code AveragingCombiner}'s
 * unweighted {@code combine}, whose running mean lacks its division by the count ({@code mean += v - mean}), so it
 * returns the target of the last neighbour in its list (the farthest of the {@code k}), not their mean. This
 * class reads the training rows, targets and {@code k} from the fitted model's own protobuf form (so saved models,
 * including ones saved before, are predicted correctly) and averages the nearest targets itself. Ties in distance
 * go to the earlier training row. Immutable and thread-safe. Internal; not API.
 */
final class KnnRegression {

    private final double[][] rows;
    private final double[] targets;
    private final int k;
    private final boolean manhattan;

    private KnnRegression(double[][] rows, double[] targets, int k, boolean manhattan) {
        this.rows = rows;
        this.targets = targets;
        this.k = k;
        this.manhattan = manhattan;
    }

    /**
     * @param model     a fitted kNN regression model
     * @param features  the number of features (columns) of a row
     * @param manhattan L1 distance (the {@code metric} parameter {@code l1}) rather than L2
     */
    static KnnRegression of(KNNModel<?> model, int features, boolean manhattan) {
        ModelProto proto = model.serialize();
        KNNModelProto knn;
        try {
            knn = proto.getSerializedData().unpack(KNNModelProto.class);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("corrupt kNN model: " + e.getMessage(), e);
        }
        int n = knn.getVectorsCount();
        if (n == 0 || knn.getOutputsCount() != n || knn.getK() < 1) {
            throw new IllegalArgumentException("corrupt kNN model: " + n + " training rows, " + knn.getOutputsCount()
                    + " targets and k = " + knn.getK());
        }
        double[][] rows = new double[n][];
        double[] targets = new double[n];
        for (int i = 0; i < n; i++) {
            double[] v = ((SGDVector) Tensor.deserialize(knn.getVectors(i))).toArray();
            rows[i] = v.length == features ? v : java.util.Arrays.copyOf(v, features);
            targets[i] = ((Regressor) org.tribuo.Output.deserialize(knn.getOutputs(i))).getValues()[0];
        }
        return new KnnRegression(rows, targets, Math.min(knn.getK(), n), manhattan);
    }

    /** The mean target of each row's {@code k} nearest training rows. */
    double[] predict(double[][] x) {
        double[] out = new double[x.length];
        double[] best = new double[k];
        int[] bestRow = new int[k];
        for (int q = 0; q < x.length; q++) {
            double[] row = x[q];
            int found = 0;
            for (int i = 0; i < rows.length; i++) {
                double d = distance(row, rows[i]);
                if (Double.isNaN(d)) {
                    d = Double.POSITIVE_INFINITY; // a missing value (which kNN does not handle) is nowhere near
                }
                if (found == k && d >= best[k - 1]) {
                    continue;
                }
                // insert into the sorted list of the k nearest so far
                int at = found == k ? k - 1 : found++;
                while (at > 0 && best[at - 1] > d) {
                    best[at] = best[at - 1];
                    bestRow[at] = bestRow[at - 1];
                    at--;
                }
                best[at] = d;
                bestRow[at] = i;
            }
            double sum = 0;
            for (int m = 0; m < found; m++) {
                sum += targets[bestRow[m]];
            }
            out[q] = sum / found;
        }
        return out;
    }

    private double distance(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double t = a[j] - b[j];
            s += manhattan ? Math.abs(t) : t * t;
        }
        return s;
    }
}
