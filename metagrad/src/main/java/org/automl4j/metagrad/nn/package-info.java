/**
 * The small networks gradient-based meta-learning trains: {@link org.automl4j.metagrad.nn.MlpSpec} (shape),
 * {@link org.automl4j.metagrad.nn.Weights} (parameters as plain arrays) and
 * {@link org.automl4j.metagrad.nn.BatchedMlp}, which evaluates one network per task for many tasks at once on the
 * deep module's engine and writes its backward pass as differentiable operations, so that differentiating
 * through gradient steps (MAML, unrolled hypergradients) needs only first-order autograd.
 */
package org.automl4j.metagrad.nn;
