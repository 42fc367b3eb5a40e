package org.automl4j.dashboard;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.automl4j.storage.StudyRecord;
import org.automl4j.trial.FrozenTrial;

/**
 * One study as the storage held it at one moment: its record and every trial, ordered by number.
 * Views computed from it (the JSON answers of the API) are memoised here, so they are computed once per
 * change of the study, however many times the page polls.
 *
 * @param record  the study
 * @param trials  all trials, ordered by number
 * @param version changes whenever a trial is added, finishes or reports, or a study attribute changes
 */
record StudySnapshot(StudyRecord record, List<FrozenTrial> trials, String version, Map<String, byte[]> memo) {

    StudySnapshot(StudyRecord record, List<FrozenTrial> trials, String version) {
        this(record, trials, version, new ConcurrentHashMap<>());
    }

    /** The memoised answer under {@code key}, computed by {@code compute} the first time. */
    byte[] memo(String key, Supplier<byte[]> compute) {
        byte[] b = memo.get(key);
        if (b == null) {
            b = compute.get();
            memo.putIfAbsent(key, b);
        }
        return b;
    }

    /** Number of objectives. */
    int objectives() {
        return record.directions().size();
    }
}
