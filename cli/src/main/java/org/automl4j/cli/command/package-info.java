/** One class per {@code automl4j} sub-command. */
package org.automl4j.cli.command;
