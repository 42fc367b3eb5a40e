package org.automl4j.sampler.gp;

import java.util.Arrays;

/**
 * Hyperparameters of the Matérn-5/2 ARD Gaussian process, on standardised outputs.
 *
 * @param lengthscales   one per model dimension (numeric ones in unit-interval units)
 * @param signalVariance the kernel's variance
 * @param noiseVariance  the observation noise variance (at least the configured floor)
 */
record GpHyper(double[] lengthscales, double signalVariance, double noiseVariance) {

    GpHyper {
        lengthscales = lengthscales.clone();
        for (double l : lengthscales) {
            if (!(l > 0) || !Double.isFinite(l)) {
                throw new IllegalArgumentException("lengthscales must be finite and > 0, but got "
                        + Arrays.toString(lengthscales));
            }
        }
        if (!(signalVariance > 0) || !Double.isFinite(signalVariance)) {
            throw new IllegalArgumentException("signalVariance must be finite and > 0, but got " + signalVariance);
        }
        if (!(noiseVariance >= 0) || !Double.isFinite(noiseVariance)) {
            throw new IllegalArgumentException("noiseVariance must be finite and >= 0, but got " + noiseVariance);
        }
    }

    @Override
    public double[] lengthscales() {
        return lengthscales.clone();
    }

    /** {@code 1 / l_j^2} per dimension. */
    double[] inverseSquaredLengthscales() {
        double[] out = new double[lengthscales.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = 1.0 / (lengthscales[j] * lengthscales[j]);
        }
        return out;
    }

    @Override
    public String toString() {
        return "GpHyper[lengthscales=" + Arrays.toString(lengthscales) + ", signalVariance=" + signalVariance
                + ", noiseVariance=" + noiseVariance + "]";
    }
}
