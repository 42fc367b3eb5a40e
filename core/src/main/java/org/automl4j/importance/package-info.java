/**
 * Hyperparameter importance over a study's trials: {@link org.automl4j.importance.ParameterImportance}
 * (functional ANOVA main effects on SMAC's random-forest surrogate).
 */
package org.automl4j.importance;
