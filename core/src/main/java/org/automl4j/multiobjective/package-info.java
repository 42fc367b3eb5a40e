/**
 * Multi-objective building blocks shared by samplers, studies and benchmarks:
 * {@link org.automl4j.multiobjective.ParetoFronts} (dominance, non-dominated sorting with and
 * without constraints, crowding distance) and {@link org.automl4j.multiobjective.Hypervolume}
 * (the exact dominated hypervolume). Everything works on losses, to be minimised; turn values
 * into losses with {@link org.automl4j.study.Direction#toLoss(double)}.
 */
package org.automl4j.multiobjective;
