/**
 * Benchmark problems for hyperparameter optimisation, ported value-for-value from the HPO peer
 * benchmark definitions ({@code functions.md} / {@code bench_functions.py}): eight continuous test
 * functions, a mixed space, a conditional space and synthetic multi-fidelity learning curves.
 * All problems are minimised; {@link org.automl4j.problems.Problems} is the entry point.
 */
package org.automl4j.problems;
