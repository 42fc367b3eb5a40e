/**
 * Hyperparameter importance over a study's trials: {@link org.automl4j.importance.ParameterImportance}
 * with functional ANOVA main effects on SMAC's random-forest surrogate ({@code fanova}) and PED-ANOVA,
 * the model-free Pearson-divergence estimate for large studies ({@code pedAnova}).
 */
package org.automl4j.importance;
