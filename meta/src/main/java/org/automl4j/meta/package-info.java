/** Meta-learning: learning from earlier datasets and runs to start new searches well. */
package org.automl4j.meta;
