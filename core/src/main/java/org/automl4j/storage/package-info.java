/**
 * Persistence of studies and trials: the {@link org.automl4j.storage.Storage} SPI, the thread-safe
 * {@link org.automl4j.storage.InMemoryStorage}, and storage exceptions. Durable storages live in
 * the {@code storage} module.
 */
package org.automl4j.storage;
