/**
 * automl4j core: the hyperparameter-optimisation engine (spaces, trials, studies, samplers,
 * pruners, the storage API). Depends on the JDK and slf4j-api only.
 */
package org.automl4j;
