/**
 * Support vector machines (LIBSVM through Tribuo). Implementations are package-private; use
 * {@link org.automl4j.learners.svm.SvmLearners} or {@link org.automl4j.learners.Learners}.
 */
package org.automl4j.learners.svm;
