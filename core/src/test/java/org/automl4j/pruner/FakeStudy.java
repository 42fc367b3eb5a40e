package org.automl4j.pruner;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.automl4j.storage.FinishedTrials;
import org.automl4j.study.Direction;
import org.automl4j.study.StudyView;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;

/** A hand-driven StudyView: tests append finished trials in the order they finish. */
final class FakeStudy implements StudyView {
    private final String name;
    private final List<Direction> directions;
    private final List<FrozenTrial> finished = new ArrayList<>();
    private int nextNumber;

    FakeStudy(String name, Direction... directions) {
        this.name = name;
        this.directions = List.of(directions);
    }

    /** A new trial number. */
    int newNumber() {
        return nextNumber++;
    }

    /** Builds a trial with {@code values[i]} reported at step {@code steps[i]}. */
    static FrozenTrial trial(int number, TrialState state, long[] steps, double[] values) {
        FrozenTrial.Builder b = FrozenTrial.builder().number(number).state(state);
        for (int i = 0; i < values.length; i++) {
            b.intermediateValue(steps[i], values[i]);
        }
        if (state == TrialState.COMPLETE) {
            b.values(values.length == 0 ? 0.0 : values[values.length - 1]);
        }
        return b.build();
    }

    /** A trial with {@code values[i]} reported at step {@code i}. */
    static FrozenTrial trial(int number, TrialState state, double... values) {
        long[] steps = new long[values.length];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = i;
        }
        return trial(number, state, steps, values);
    }

    /** Records a finished trial with values reported at steps 0, 1, ...; returns it. */
    FrozenTrial finish(TrialState state, double... values) {
        FrozenTrial t = trial(newNumber(), state, values);
        finished.add(t);
        return t;
    }

    void finish(FrozenTrial t) {
        finished.add(t);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Direction> directions() {
        return directions;
    }

    @Override
    public List<FrozenTrial> trials() {
        return List.copyOf(finished);
    }

    @Override
    public List<FrozenTrial> trials(Set<TrialState> states) {
        return finished.stream().filter(t -> states.contains(t.state())).toList();
    }

    @Override
    public FinishedTrials finishedTrialsSince(long cursor) {
        return new FinishedTrials(finished.subList((int) cursor, finished.size()), finished.size());
    }

    @Override
    public Optional<FrozenTrial> bestTrial() {
        return Optional.empty();
    }
}
