package org.automl4j.metagrad.fewshot;

/** How {@link MetaTrainer} turns adapted task parameters into an update of the initialisation. */
public enum Algorithm {
    /**
     * Reptile (Nichol, Achiam and Schulman 2018): adapt each task's copy with k SGD steps, then move the
     * initialisation toward the mean adapted parameters, {@code theta += eps * mean(phi - theta)}, with the
     * step {@code eps} annealed linearly to 0.
     */
    REPTILE,
    /**
     * First-order MAML (Finn, Abbeel and Levine 2017): the meta-gradient is the query-set gradient at the adapted
     * parameters, ignoring how they depend on the initialisation; Adam on its mean over tasks.
     */
    FOMAML,
    /**
     * MAML with its second-order terms: the query loss is differentiated through the k inner SGD steps,
     * {@code prod_k (I - alpha H_k) grad L_query}; Adam on its mean over tasks.
     */
    MAML
}
