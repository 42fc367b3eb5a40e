package org.automl4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.automl4j.sampler.Samplers;
import org.automl4j.space.FloatDistribution;
import org.automl4j.space.IntDistribution;
import org.automl4j.space.SearchSpace;
import org.automl4j.study.Direction;
import org.automl4j.study.OptimizeOptions;
import org.automl4j.study.Study;
import org.automl4j.study.StudySetupException;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link SparkTrials} on {@code local[2]}. Assertions never depend on timing: time limits only stop
 * a broken run from hanging the build.
 */
class SparkTrialsTest {

    private static final Duration HANG_LIMIT = Duration.ofSeconds(40);
    private static final SearchSpace SPACE = SearchSpace.builder()
            .add("x", new FloatDistribution(-5, 5, false, 0))
            .add("n", new IntDistribution(0, 10, false, 1))
            .build();

    private static JavaSparkContext sc;

    @BeforeAll
    static void startSpark() {
        sc = new JavaSparkContext(localConf("SparkTrialsTest"));
    }

    @AfterAll
    static void stopSpark() {
        if (sc != null) {
            sc.stop();
        }
    }

    static SparkConf localConf(String app) {
        return new SparkConf().setMaster("local[2]").setAppName(app)
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false");
    }

    private static Study study(String name, long seed) {
        return Study.builder().name(name).sampler(Samplers.random(seed)).build();
    }

    private static double f(Map<String, Object> p) {
        double x = (Double) p.get("x");
        int n = (Integer) p.get("n");
        return x * x + n;
    }

    @Test
    void everyTrialFinishesWithAUniqueNumberAndItsObjectiveValue() {
        Study study = study("values", 7);
        SparkTrials trials = SparkTrials.builder(sc).build();
        SparkRunResult r = assertTimeoutPreemptively(HANG_LIMIT, () -> trials.optimize(study, SPACE,
                (p, none) -> f(p), OptimizeOptions.trials(20)));

        assertEquals(new SparkRunResult(20, 20, 0, 0, r.elapsed(), "trials"), r);
        List<FrozenTrial> all = study.trials();
        assertEquals(20, all.size());
        assertEquals(20, all.stream().map(FrozenTrial::number).distinct().count());
        for (FrozenTrial t : all) {
            assertEquals(TrialState.COMPLETE, t.state());
            assertEquals(f(t.params()), t.value(), 0.0);
            assertTrue(String.valueOf(t.systemAttrs().get(SparkTrials.EXECUTOR_ATTR)).startsWith("driver@"),
                    "local mode runs tasks on the driver: " + t.systemAttrs());
        }
        assertEquals(all.stream().mapToDouble(FrozenTrial::value).min().orElseThrow(), study.bestValue());
    }

    @Test
    void sameSeedGivesTheSameTrialsAsASequentialStudyWhenParallelismIsOne() {
        Study remote = study("seq-remote", 3);
        SparkTrials.builder(sc).parallelism(1).build()
                .optimize(remote, SPACE, (p, none) -> f(p), OptimizeOptions.trials(8));
        Study local = study("seq-local", 3);
        local.optimize(t -> f(SPACE.suggest(t)), 8);
        assertEquals(local.trials().stream().map(FrozenTrial::params).toList(),
                remote.trials().stream().map(FrozenTrial::params).toList());
        assertEquals(local.trials().stream().map(FrozenTrial::values).toList(),
                remote.trials().stream().map(FrozenTrial::values).toList());
    }

    @Test
    void aThrowingObjectiveGivesFailTrialsWithItsMessageAndTheStudyGoesOn() {
        Study study = study("throws", 11);
        SparkTrials trials = SparkTrials.builder(sc).build();
        SparkRunResult r = assertTimeoutPreemptively(HANG_LIMIT, () -> trials.optimize(study, SPACE, (p, none) -> {
            double x = (Double) p.get("x");
            if (x > 0) {
                throw new IllegalArgumentException("x too large: " + x);
            }
            return x;
        }, OptimizeOptions.trials(16).withMaxInitialFailures(0)));

        List<FrozenTrial> failed = study.trials(TrialState.FAIL);
        List<FrozenTrial> complete = study.trials(TrialState.COMPLETE);
        assertEquals(16, failed.size() + complete.size());
        assertFalse(failed.isEmpty());
        assertFalse(complete.isEmpty());
        assertEquals(failed.size(), r.failed());
        for (FrozenTrial t : failed) {
            assertEquals(RemoteTrialException.class.getName(), t.failure().type());
            assertEquals("x too large: " + t.params().get("x"), t.failure().message());
            assertTrue(t.failure().stackTrace().startsWith("java.lang.IllegalArgumentException: x too large"),
                    t.failure().stackTrace());
            assertTrue(((Double) t.params().get("x")) > 0);
        }
        for (FrozenTrial t : complete) {
            assertTrue(t.value() <= 0);
        }
    }

    @Test
    void anObjectiveThatAlwaysFailsStopsTheRunWithTheFirstFailure() {
        Study study = study("always-fails", 1);
        SparkTrials trials = SparkTrials.builder(sc).build();
        StudySetupException e = assertThrows(StudySetupException.class, () -> trials.optimize(study, SPACE,
                (p, none) -> {
                    throw new IllegalStateException("no data");
                }, OptimizeOptions.trials(50).withMaxInitialFailures(3)));
        assertTrue(e.getMessage().contains("no data"), e.getMessage());
        assertTrue(study.trials().size() < 50);
        assertTrue(study.trials().stream().allMatch(t -> t.state() == TrialState.FAIL));
    }

    @Test
    void sharedDataIsBroadcastOnceAndReachesEveryTask() {
        Study study = study("broadcast", 5);
        SparkTrials trials = SparkTrials.builder(sc).build();
        Offset data = new Offset(1000.0);
        Offset.WRITES.set(0);
        SparkRunResult r = assertTimeoutPreemptively(HANG_LIMIT, () -> trials.optimizeWithData(study, SPACE, data,
                (p, d) -> f(p) + d.value, OptimizeOptions.trials(12)));

        assertEquals(12, r.completed());
        for (FrozenTrial t : study.trials()) {
            assertEquals(f(t.params()) + 1000.0, t.value(), 0.0);
        }
        // Captured in the closure, the data would be serialised once per trial.
        assertEquals(1, Offset.WRITES.get(), "the shared data was serialised more than once");
    }

    @Test
    void aStudyTimeoutCancelsTheRunningTrials() {
        Study study = study("timeout", 2);
        SparkTrials trials = SparkTrials.builder(sc).parallelism(2).build();
        SparkRunResult r = assertTimeoutPreemptively(HANG_LIMIT, () -> trials.optimize(study, SPACE, (p, none) -> {
            Thread.sleep(30_000);
            return 0;
        }, OptimizeOptions.trials(10).withTimeout(Duration.ofMillis(500))));

        assertEquals("timeout", r.stopReason());
        assertEquals(new SparkRunResult(2, 0, 0, 2, r.elapsed(), "timeout"), r);
        assertAllCancelled(study, 2, "the run's timeout of PT0.5S was reached");
    }

    @Test
    void studyStopCancelsTheRunningTrials() throws Exception {
        Study study = study("stop", 2);
        SparkTrials trials = SparkTrials.builder(sc).parallelism(2).build();
        Thread stopper = new Thread(() -> {
            while (study.trials(TrialState.RUNNING).size() < 2) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
            study.stop();
        });
        stopper.setDaemon(true);
        stopper.start();
        SparkRunResult r = assertTimeoutPreemptively(HANG_LIMIT, () -> trials.optimize(study, SPACE, (p, none) -> {
            Thread.sleep(30_000);
            return 0;
        }, OptimizeOptions.trials(10)));
        stopper.join();

        assertEquals("study.stop()", r.stopReason());
        assertAllCancelled(study, 2, "study.stop() was called");
    }

    @Test
    void aTrialPastThePerTrialTimeoutFailsAndTheNextOneStarts() {
        Study study = study("trial-timeout", 2);
        SparkTrials trials = SparkTrials.builder(sc).parallelism(2).trialTimeout(Duration.ofMillis(300)).build();
        SparkRunResult r = assertTimeoutPreemptively(HANG_LIMIT, () -> trials.optimize(study, SPACE, (p, none) -> {
            Thread.sleep(30_000);
            return 0;
        }, OptimizeOptions.trials(3)));

        assertEquals(new SparkRunResult(3, 0, 3, 0, r.elapsed(), "trials"), r);
        for (FrozenTrial t : study.trials()) {
            assertEquals(TrialState.FAIL, t.state());
            assertEquals("java.util.concurrent.TimeoutException", t.failure().type());
            assertTrue(t.failure().message().contains("per-trial timeout of PT0.3S"), t.failure().message());
        }
    }

    @Test
    void trialsOverdueTogetherAreAllFinishedWhenTheirTimeoutsEndTheRunAsInitialFailures() {
        // trials 0, 1 and 2 are submitted, then drawing trial 3's x holds the driver past the per-trial timeout, so
        // the next poll finds 0, 1 and 2 overdue at once; the second timeout reaches maxInitialFailures = 2
        org.automl4j.sampler.Sampler random = Samplers.random(2);
        org.automl4j.sampler.Sampler slowFourth = (view, trial, name, dist) -> {
            if (trial.number() == 3 && name.equals("x")) {
                try {
                    Thread.sleep(1_500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return random.sampleIndependent(view, trial, name, dist);
        };
        Study study = Study.builder().name("overdue-together").sampler(slowFourth).build();
        SparkTrials trials = SparkTrials.builder(sc).parallelism(4).trialTimeout(Duration.ofMillis(500)).build();
        assertThrows(StudySetupException.class, () -> assertTimeoutPreemptively(HANG_LIMIT, () -> trials.optimize(study,
                SPACE, (p, none) -> {
                    Thread.sleep(30_000);
                    return 0;
                }, OptimizeOptions.trials(4).withMaxInitialFailures(2))));

        List<FrozenTrial> all = study.trials();
        assertEquals(4, all.size());
        assertTrue(all.stream().allMatch(t -> t.state() == TrialState.FAIL), () -> all.stream()
                .map(t -> t.number() + ":" + t.state()).collect(Collectors.joining(", ")));
    }

    /** Objective calls that have returned; executors run in this JVM in local mode. */
    private static final AtomicInteger RETURNED = new AtomicInteger();

    @Test
    void aResultThatArrivedBeforeTheInitialFailuresEndedTheRunIsKeptNotCancelled() {
        // trials 0 and 1 fail, trial 2 completes; drawing trial 3's x waits until their three jobs have ended, so the
        // next poll finds all three done, and the second failure ends the run (maxInitialFailures = 2) before
        // trial 2 is told
        org.automl4j.sampler.Sampler random = Samplers.random(2);
        JavaSparkContext ctx = sc;
        org.automl4j.sampler.Sampler waitForThreeJobs = (view, trial, name, dist) -> {
            if (trial.number() == 3 && name.equals("x")) {
                try {
                    while (RETURNED.get() < 3 || ctx.statusTracker().getActiveJobIds().length > 0) {
                        Thread.sleep(5);
                    }
                    Thread.sleep(100); // the job's end reaches the status tracker and its future alike
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return random.sampleIndependent(view, trial, name, dist);
        };
        Study study = Study.builder().name("kept-result").sampler(waitForThreeJobs).build();
        for (double x : new double[] {1, 2, -3}) {
            study.enqueueTrial(Map.of("x", x, "n", 0));
        }
        RETURNED.set(0);
        SparkTrials trials = SparkTrials.builder(sc).parallelism(4).build();
        assertThrows(StudySetupException.class, () -> assertTimeoutPreemptively(HANG_LIMIT, () -> trials.optimize(study,
                SPACE, (p, none) -> {
                    double x = (Double) p.get("x");
                    RETURNED.incrementAndGet();
                    if (x > 0) {
                        throw new IllegalArgumentException("x > 0");
                    }
                    return x;
                }, OptimizeOptions.trials(4).withMaxInitialFailures(2))));

        FrozenTrial third = study.trials().get(2);
        assertEquals(TrialState.COMPLETE, third.state(), String.valueOf(third.failure()));
        assertEquals(-3.0, third.value());
        assertTrue(study.trials(TrialState.RUNNING).isEmpty());
    }

    @Test
    void neverRunsMoreTrialsAtOnceThanItsParallelism() {
        for (int parallelism : new int[] {1, 3}) {
            CountingStorage storage = new CountingStorage();
            Study study = Study.builder().name("width-" + parallelism).storage(storage)
                    .sampler(Samplers.random(9)).build();
            SparkTrials trials = SparkTrials.builder(sc).parallelism(parallelism).build();
            assertTimeoutPreemptively(HANG_LIMIT, () -> trials.optimize(study, SPACE, (p, none) -> {
                Thread.sleep(20);
                return f(p);
            }, OptimizeOptions.trials(8)));
            assertEquals(8, study.trials(TrialState.COMPLETE).size());
            // The driver fills every free slot before it waits, so the bound is also reached.
            assertEquals(parallelism, storage.maxRunning());
        }
        assertEquals(2, SparkTrials.builder(sc).build().parallelism(), "local[2] has two cores");
    }

    @Test
    void aParetoStudyGetsOneValuePerDirection() {
        Study study = Study.builder().name("pareto").directions(Direction.MINIMIZE, Direction.MINIMIZE)
                .sampler(Samplers.random(4)).build();
        SparkTrials trials = SparkTrials.builder(sc).build();
        assertTimeoutPreemptively(HANG_LIMIT, () -> trials.optimizeMulti(study, SPACE, null,
                (p, none) -> new double[] {(Double) p.get("x"), -(Double) p.get("x")}, OptimizeOptions.trials(6)));
        assertEquals(6, study.trials(TrialState.COMPLETE).size());
        for (FrozenTrial t : study.trials()) {
            assertEquals(List.of(t.params().get("x"), -(Double) t.params().get("x")), t.values());
        }
        assertEquals(6, study.bestTrials().size(), "x and -x: every trial is on the front");
    }

    @Test
    void aFailureWithoutAMessageKeepsTheThrownTypeInTheStoredFailure() {
        Study study = study("no-message", 2);
        SparkTrials trials = SparkTrials.builder(sc).build();
        trials.optimize(study, SPACE, (p, none) -> {
            throw new StackOverflowError();
        }, OptimizeOptions.trials(1).withMaxInitialFailures(0));
        FrozenTrial t = study.trials().get(0);
        assertEquals(TrialState.FAIL, t.state());
        assertEquals("java.lang.StackOverflowError", t.failure().message(), t.failure().toString());
    }

    /** Not Serializable: an objective capturing it cannot be sent to an executor. */
    static final class Local {
        final double value = 1;
    }

    @Test
    void anObjectiveOrDataThatIsNotSerialisableIsRefusedBeforeAnyTrialWithTheClassNamed() {
        Study study = study("not-serialisable", 1);
        SparkTrials trials = SparkTrials.builder(sc).build();
        Local local = new Local();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trials.optimize(study, SPACE,
                (p, none) -> local.value + f(p), OptimizeOptions.trials(3)));
        assertTrue(e.getMessage().contains("the objective cannot be sent to the Spark executors: "
                + Local.class.getName() + " is not Serializable"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> trials.optimizeWithData(study, SPACE, new Local(),
                (p, d) -> d.value, OptimizeOptions.trials(3)));
        assertTrue(e.getMessage().contains(Local.class.getName() + " is not Serializable"), e.getMessage());
        assertEquals(List.of(), study.trials(), "no trial was asked, none is left RUNNING");
        assertEquals(3, trials.optimize(study, SPACE, (p, none) -> f(p), OptimizeOptions.trials(3)).completed(),
                "the instance still runs studies");
    }

    private static void assertAllCancelled(Study study, int expected, String why) {
        List<FrozenTrial> all = study.trials();
        assertEquals(expected, all.size(), () -> all.stream().map(t -> t.number() + ":" + t.state())
                .collect(Collectors.joining(", ")));
        assertTrue(study.trials(TrialState.RUNNING).isEmpty());
        for (FrozenTrial t : all) {
            assertEquals(TrialState.FAIL, t.state());
            assertEquals("java.util.concurrent.CancellationException", t.failure().type());
            assertTrue(t.failure().message().contains("cancelled: " + why), t.failure().message());
        }
    }

    /** Shared data that counts how often it is serialised. */
    static final class Offset implements Serializable {
        private static final long serialVersionUID = 1L;
        static final AtomicInteger WRITES = new AtomicInteger();
        final double value;

        Offset(double value) {
            this.value = value;
        }

        private void writeObject(ObjectOutputStream out) throws IOException {
            WRITES.incrementAndGet();
            out.defaultWriteObject();
        }
    }
}
