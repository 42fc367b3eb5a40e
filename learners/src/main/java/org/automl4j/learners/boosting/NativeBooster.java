package org.automl4j.learners.boosting;

import static com.microsoft.ml.lightgbm.lightgbmlib.LGBM_BoosterFree;
import static com.microsoft.ml.lightgbm.lightgbmlib.LGBM_BoosterGetNumClasses;
import static com.microsoft.ml.lightgbm.lightgbmlib.LGBM_BoosterLoadModelFromString;
import static com.microsoft.ml.lightgbm.lightgbmlib.LGBM_BoosterPredictForMat;
import static com.microsoft.ml.lightgbm.lightgbmlib.LGBM_GetLastError;
import static com.microsoft.ml.lightgbm.lightgbmlib.delete_doubleArray;
import static com.microsoft.ml.lightgbm.lightgbmlib.delete_int64_tp;
import static com.microsoft.ml.lightgbm.lightgbmlib.delete_intp;
import static com.microsoft.ml.lightgbm.lightgbmlib.delete_voidpp;
import static com.microsoft.ml.lightgbm.lightgbmlib.doubleArray_getitem;
import static com.microsoft.ml.lightgbm.lightgbmlib.doubleArray_setitem;
import static com.microsoft.ml.lightgbm.lightgbmlib.double_to_voidp_ptr;
import static com.microsoft.ml.lightgbm.lightgbmlib.int64_tp_value;
import static com.microsoft.ml.lightgbm.lightgbmlib.intp_value;
import static com.microsoft.ml.lightgbm.lightgbmlib.new_doubleArray;
import static com.microsoft.ml.lightgbm.lightgbmlib.new_int64_tp;
import static com.microsoft.ml.lightgbm.lightgbmlib.new_intp;
import static com.microsoft.ml.lightgbm.lightgbmlib.new_voidpp;
import static com.microsoft.ml.lightgbm.lightgbmlib.voidpp_value;

import com.microsoft.ml.lightgbm.SWIGTYPE_p_double;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_int;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_long_long;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_p_void;
import com.microsoft.ml.lightgbm.lightgbmlibConstants;

/**
 * A LightGBM booster for prediction, called through the SWIG bindings that lightgbm4j ships.
 * lightgbm4j 4.3.0-1's {@code LGBMBooster.predictForMat} allocates an output buffer of
 * {@code 2 * rows} doubles whatever the number of classes, so LightGBM writes past it for three or
 * more classes and the JVM crashes; this class sizes the buffer as {@code rows * outputs per row}.
 * Thread-safe (LightGBM's C API locks a booster for prediction); {@link #free()} exactly once.
 */
final class NativeBooster {

    private final SWIGTYPE_p_p_void handle;
    private final int outputsPerRow;

    private NativeBooster(SWIGTYPE_p_p_void handle, int outputsPerRow) {
        this.handle = handle;
        this.outputsPerRow = outputsPerRow;
    }

    /** Loads a booster from LightGBM model text. @throws IllegalArgumentException if LightGBM rejects it */
    static NativeBooster fromModelText(String modelText) {
        LightGbmModel.ensureNative();
        SWIGTYPE_p_p_void handle = new_voidpp();
        SWIGTYPE_p_int iterations = new_intp();
        SWIGTYPE_p_int classes = new_intp();
        try {
            if (LGBM_BoosterLoadModelFromString(modelText, iterations, handle) != 0) {
                delete_voidpp(handle);
                throw new IllegalArgumentException("LightGBM could not read the model text: " + LGBM_GetLastError());
            }
            if (LGBM_BoosterGetNumClasses(voidpp_value(handle), classes) != 0) {
                LGBM_BoosterFree(voidpp_value(handle));
                delete_voidpp(handle);
                throw new IllegalArgumentException("LightGBM model has no class count: " + LGBM_GetLastError());
            }
            return new NativeBooster(handle, Math.max(1, intp_value(classes)));
        } finally {
            delete_intp(iterations);
            delete_intp(classes);
        }
    }

    /** Outputs per row: 1 for binary and regression, the number of classes for multiclass. */
    int outputsPerRow() {
        return outputsPerRow;
    }

    /** Normal (transformed) predictions for a row-major matrix: {@code rows * outputsPerRow()} values. */
    double[] predict(double[] rowMajor, int rows, int cols, String params) {
        SWIGTYPE_p_double input = new_doubleArray(rowMajor.length);
        SWIGTYPE_p_double output = new_doubleArray((long) rows * outputsPerRow);
        SWIGTYPE_p_long_long length = new_int64_tp();
        try {
            for (int i = 0; i < rowMajor.length; i++) {
                doubleArray_setitem(input, i, rowMajor[i]);
            }
            int rc = LGBM_BoosterPredictForMat(voidpp_value(handle), double_to_voidp_ptr(input),
                    lightgbmlibConstants.C_API_DTYPE_FLOAT64, rows, cols, 1,
                    lightgbmlibConstants.C_API_PREDICT_NORMAL, 0, -1, params, length, output);
            if (rc != 0) {
                throw new IllegalStateException("LightGBM prediction failed: " + LGBM_GetLastError());
            }
            long n = int64_tp_value(length);
            if (n != (long) rows * outputsPerRow) {
                throw new IllegalStateException("LightGBM returned " + n + " values for " + rows + " rows x "
                        + outputsPerRow + " outputs");
            }
            double[] out = new double[(int) n];
            for (int i = 0; i < out.length; i++) {
                out[i] = doubleArray_getitem(output, i);
            }
            return out;
        } finally {
            delete_doubleArray(input);
            delete_doubleArray(output);
            delete_int64_tp(length);
        }
    }

    /** Frees the native booster. */
    void free() {
        LGBM_BoosterFree(voidpp_value(handle));
        delete_voidpp(handle);
    }
}
