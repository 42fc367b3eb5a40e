package org.automl4j.metagrad.nn;

/** The hidden-layer non-linearity of an {@link MlpSpec}. */
public enum Activation {
    /** max(0, z); its second derivative is zero almost everywhere. */
    RELU,
    /** tanh(z); smooth, so second-order terms are non-zero. */
    TANH
}
