/**
 * The deep-learning engine (DJL + PyTorch, offline): {@link org.automl4j.deep.DeepEngine} sets it up; the
 * NAS evaluator and gradient-based meta-learning build their networks on it.
 */
package org.automl4j.deep;
