/**
 * Gaussian-process Bayesian optimisation: {@link org.automl4j.sampler.gp.GpSampler} and its
 * {@link org.automl4j.sampler.gp.GpSampler.Options}.
 *
 * <p>Inside (package-private): the Matérn-5/2 ARD kernel with a Hamming factor for categoricals
 * ({@code Matern52}), the conditioned GP on EJML's Cholesky factorisation with jitter recovery
 * ({@code GaussianProcess}), maximum a posteriori hyperparameters ({@code HyperparameterFit}) by a small
 * bounded L-BFGS ({@code Lbfgs}), output standardisation and Yeo-Johnson warping ({@code OutputTransform}),
 * the encoding of search spaces into model coordinates ({@code Encoding}), tail-accurate normal numerics
 * for log expected improvement ({@code StdNormal}), the acquisition functions ({@code AcquisitionFunction})
 * and their optimiser ({@code AcquisitionOptimizer}), and the incremental view of the finished trials
 * ({@code GpHistory}).
 */
package org.automl4j.sampler.gp;
