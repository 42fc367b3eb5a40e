/**
 * Reusable contract test suites: every implementation of an automl4j SPI extends the matching
 * abstract suite (for example {@link org.automl4j.testkit.StorageContractTest}) in its own tests.
 */
package org.automl4j.testkit;
