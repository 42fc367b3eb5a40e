/**
 * The meta-learning knowledge base: known datasets' meta-features and evaluated pipelines
 * ({@link org.automl4j.meta.kb.KnowledgeBase}), as one JSON file ({@link org.automl4j.meta.kb.KnowledgeBaseJson},
 * also the bundled default) or as {@code kb/} studies in a study storage
 * ({@link org.automl4j.meta.kb.KnowledgeBaseStore}).
 */
package org.automl4j.meta.kb;
