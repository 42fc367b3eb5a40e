package org.automl4j.spark;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.automl4j.space.Distribution;
import org.automl4j.storage.FinishedTrials;
import org.automl4j.storage.InMemoryStorage;
import org.automl4j.storage.Storage;
import org.automl4j.storage.StudyRecord;
import org.automl4j.study.Direction;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialFailure;
import org.automl4j.trial.TrialState;

/** An in-memory storage that records the largest number of RUNNING trials at any time. Thread-safe. */
final class CountingStorage implements Storage {

    private final InMemoryStorage delegate = new InMemoryStorage();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxRunning = new AtomicInteger();

    int maxRunning() {
        return maxRunning.get();
    }

    private void started() {
        int now = running.incrementAndGet();
        maxRunning.accumulateAndGet(now, Math::max);
    }

    @Override
    public StudyRecord createStudy(String name, List<Direction> directions) {
        return delegate.createStudy(name, directions);
    }

    @Override
    public Optional<StudyRecord> findStudy(String name) {
        return delegate.findStudy(name);
    }

    @Override
    public List<StudyRecord> studies() {
        return delegate.studies();
    }

    @Override
    public void deleteStudy(String name) {
        delegate.deleteStudy(name);
    }

    @Override
    public void setStudyUserAttr(String study, String key, Object value) {
        delegate.setStudyUserAttr(study, key, value);
    }

    @Override
    public FrozenTrial createTrial(String study, FrozenTrial template) {
        FrozenTrial t = delegate.createTrial(study, template);
        if (t.state() == TrialState.RUNNING) {
            started();
        }
        return t;
    }

    @Override
    public Optional<FrozenTrial> claimWaitingTrial(String study) {
        Optional<FrozenTrial> t = delegate.claimWaitingTrial(study);
        t.ifPresent(x -> started());
        return t;
    }

    @Override
    public void setTrialParam(String study, int number, String name, Distribution distribution, Object value) {
        delegate.setTrialParam(study, number, name, distribution, value);
    }

    @Override
    public void setTrialIntermediateValue(String study, int number, long step, double value) {
        delegate.setTrialIntermediateValue(study, number, step, value);
    }

    @Override
    public void setTrialUserAttr(String study, int number, String key, Object value) {
        delegate.setTrialUserAttr(study, number, key, value);
    }

    @Override
    public void setTrialSystemAttr(String study, int number, String key, Object value) {
        delegate.setTrialSystemAttr(study, number, key, value);
    }

    @Override
    public FrozenTrial finishTrial(String study, int number, TrialState state, List<Double> values,
            TrialFailure failure) {
        FrozenTrial t = delegate.finishTrial(study, number, state, values, failure);
        running.decrementAndGet();
        return t;
    }

    @Override
    public FrozenTrial trial(String study, int number) {
        return delegate.trial(study, number);
    }

    @Override
    public List<FrozenTrial> trials(String study, Set<TrialState> states) {
        return delegate.trials(study, states);
    }

    @Override
    public FinishedTrials finishedTrialsSince(String study, long cursor) {
        return delegate.finishedTrialsSince(study, cursor);
    }

    @Override
    public int trialCount(String study) {
        return delegate.trialCount(study);
    }

    @Override
    public Optional<FrozenTrial> bestTrial(String study) {
        return delegate.bestTrial(study);
    }

    @Override
    public void recordHeartbeat(String study, int number) {
        delegate.recordHeartbeat(study, number);
    }

    @Override
    public List<FrozenTrial> staleTrials(String study, java.time.Duration grace) {
        return delegate.staleTrials(study, grace);
    }
}
