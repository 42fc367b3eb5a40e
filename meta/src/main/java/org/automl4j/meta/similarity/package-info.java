/** Finding the known datasets most like a new one, by their meta-features. */
package org.automl4j.meta.similarity;
