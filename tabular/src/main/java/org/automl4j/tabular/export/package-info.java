/** Exporting fitted AutoML models to other runtimes: {@link org.automl4j.tabular.export.OnnxExport}. */
package org.automl4j.tabular.export;
