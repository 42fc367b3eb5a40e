/**
 * End-to-end benchmarks run through {@code ./automl4j benchmark ...}: the HPO suite against
 * Optuna's published figures, and memory. Results are JSON files under {@code bench/results/}.
 */
package org.automl4j.bench;
