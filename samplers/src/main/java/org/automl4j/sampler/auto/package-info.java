/**
 * The automatic default sampler: picks GP-BO, CMA-ES, TPE or NSGA-II from the shape of the space and
 * the size of the study, and switches as the study grows.
 */
package org.automl4j.sampler.auto;
