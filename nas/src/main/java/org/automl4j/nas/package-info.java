/** Neural architecture search: model spaces, exploration strategies and model evaluators. */
package org.automl4j.nas;
