/** The {@code automl4j} command line: the picocli root command and its entry point. */
package org.automl4j.cli;
