/** Greedy portfolios of configurations that cover many known datasets (auto-sklearn 2.0 style). */
package org.automl4j.meta.portfolio;
