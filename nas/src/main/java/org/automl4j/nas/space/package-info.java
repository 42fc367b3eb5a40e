/**
 * Architectures as values: {@link org.automl4j.nas.space.Cell} (a NAS-Bench-201-style cell: 4 nodes, 6
 * edges, 5 operations) with its isomorphism-invariant canonical form, {@link org.automl4j.nas.space.CellSpace}
 * (the operations allowed), {@link org.automl4j.nas.space.ChainArchitecture} (a sequence of layers) and
 * {@link org.automl4j.nas.space.ChainSpace} (sampled through an HPO trial); architectures encode to and
 * from strings and print as text and Graphviz DOT.
 */
package org.automl4j.nas.space;
