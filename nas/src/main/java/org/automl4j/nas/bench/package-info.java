/**
 * automl4j's own tabulated NAS benchmark: {@link org.automl4j.nas.bench.DigitsCellTable} (the recipe and
 * generator of {@code digits-cells-v1}: every cell of {none, skip_connect, nor_conv_3x3} trained on the 8x8
 * digits for 3 seeds) and {@link org.automl4j.nas.bench.TabulatedBenchmark} (lookups, rankings, curve
 * replay for pruners), so strategies can be compared fast and reproducibly.
 */
package org.automl4j.nas.bench;
