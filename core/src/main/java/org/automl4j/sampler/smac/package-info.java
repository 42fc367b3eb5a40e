/**
 * SMAC-style Bayesian optimisation (Hutter et al. 2011): a random-forest surrogate over the whole
 * observed space, conditional parameters imputed and their activity inferred from the trials,
 * expected improvement maximised by random sampling plus local search, interleaved random
 * configurations. The forest itself lives in {@link org.automl4j.surrogate}.
 */
package org.automl4j.sampler.smac;
