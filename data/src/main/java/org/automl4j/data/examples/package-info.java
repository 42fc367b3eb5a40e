/**
 * Example data sets shipped in the jar: {@link org.automl4j.data.examples.Examples#iris()}.
 */
package org.automl4j.data.examples;
