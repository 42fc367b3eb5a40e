/**
 * Few-shot meta-learning: task families ({@link org.automl4j.metagrad.fewshot.SinusoidTasks},
 * {@link org.automl4j.metagrad.fewshot.ClassificationTasks} over {@link org.automl4j.metagrad.fewshot.ImageSet}),
 * meta-training of an initialisation with Reptile, first-order MAML or MAML
 * ({@link org.automl4j.metagrad.fewshot.MetaTrainer}), adaptation to new tasks
 * ({@link org.automl4j.metagrad.fewshot.Adaptation}), the pretrain-then-fine-tune baseline
 * ({@link org.automl4j.metagrad.fewshot.Pretraining}) and the saved form
 * ({@link org.automl4j.metagrad.fewshot.MetaInitFile}).
 */
package org.automl4j.metagrad.fewshot;
