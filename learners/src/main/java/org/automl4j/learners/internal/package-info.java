/**
 * Shared implementation helpers of the learners module: parameter resolution, the model envelope,
 * the Tribuo data adapter, the Tribuo model wrapper and its safe protobuf loading. Public only so the
 * learner family packages can use them; not API, and other modules must not import it.
 */
package org.automl4j.learners.internal;
