/**
 * BOHB's model (Falkner, Klein and Hutter 2018) as a sampler:
 * {@link org.automl4j.sampler.bohb.BohbSampler}, to be paired with a Hyperband-style pruner.
 */
package org.automl4j.sampler.bohb;
