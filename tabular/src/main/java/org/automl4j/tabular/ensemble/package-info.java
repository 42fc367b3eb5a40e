/** Ensembles over the models a search tried: greedy ensemble selection with replacement (Caruana et al. 2004). */
package org.automl4j.tabular.ensemble;
