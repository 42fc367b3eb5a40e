/**
 * Search-space shrinking from earlier runs on similar data: {@link org.automl4j.meta.shrink.SpaceShrinker}
 * keeps the hyperparameters that mattered (PED-ANOVA importance) free within the range good
 * configurations used, and fixes the rest at the best configuration's values.
 */
package org.automl4j.meta.shrink;
