/**
 * Numeric helpers shared by core's samplers (transforms, normal numerics, seeded streams, Sobol
 * tables). Not API: never import this package outside core.
 */
package org.automl4j.internal;
