/**
 * NSGA-II, the elitist non-dominated sorting genetic algorithm (Deb et al. 2002), as a
 * {@link org.automl4j.sampler.Sampler}: {@link org.automl4j.sampler.nsga2.Nsga2Sampler} and its
 * {@link org.automl4j.sampler.nsga2.Nsga2Sampler.Options}. Generations, survivors and the
 * intersection search space are updated incrementally from the study's finished trials; sorting,
 * crowding and hypervolume live in {@link org.automl4j.multiobjective}.
 */
package org.automl4j.sampler.nsga2;
