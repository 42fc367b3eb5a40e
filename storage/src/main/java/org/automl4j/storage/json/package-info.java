/**
 * JSON codecs (Jackson): declarative search spaces, distributions and whole studies with their
 * trials, for the CLI, for export and import.
 */
package org.automl4j.storage.json;
