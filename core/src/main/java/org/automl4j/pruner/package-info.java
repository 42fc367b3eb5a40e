/**
 * Pruners decide from reported intermediate values whether a trial should stop early:
 * {@link org.automl4j.pruner.Pruner} and the {@link org.automl4j.pruner.Pruners} factories.
 */
package org.automl4j.pruner;
