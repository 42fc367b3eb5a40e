/**
 * What can be searched: parameter {@link org.automl4j.space.Distribution}s and the declarative
 * {@link org.automl4j.space.SearchSpace} with conditions and forbidden combinations.
 */
package org.automl4j.space;
