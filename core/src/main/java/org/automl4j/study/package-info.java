/**
 * The optimisation loop: {@link org.automl4j.study.Study} (optimize, ask/tell, enqueue, best
 * trials), objectives, directions, listeners and the read-only {@link org.automl4j.study.StudyView}
 * that samplers and pruners receive.
 */
package org.automl4j.study;
