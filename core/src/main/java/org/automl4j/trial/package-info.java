/**
 * One evaluation: the live {@link org.automl4j.trial.Trial} handed to an objective and the
 * immutable {@link org.automl4j.trial.FrozenTrial} snapshot that samplers, pruners and storage see.
 */
package org.automl4j.trial;
