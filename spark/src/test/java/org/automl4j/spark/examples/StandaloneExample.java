package org.automl4j.spark.examples;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.automl4j.sampler.Samplers;
import org.automl4j.space.FloatDistribution;
import org.automl4j.space.SearchSpace;
import org.automl4j.spark.SparkRunResult;
import org.automl4j.spark.SparkTrials;
import org.automl4j.study.OptimizeOptions;
import org.automl4j.study.Study;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;

/**
 * A small study run on a Spark cluster: TPE minimises a least-squares fit of a line {@code a*x + b}
 * to points broadcast once to the executors; each trial sleeps 100 ms to stand in for training.
 *
 * <pre>{@code
 * java -cp ... org.automl4j.spark.examples.StandaloneExample spark://127.0.0.1:7077 core.jar,spark.jar,examples.jar [trials]
 * }</pre>
 *
 * The second argument is the comma-separated list of jars the executors need (automl4j-core,
 * automl4j-spark and the jar holding this class); the driver serves them to the executors
 * ({@link SparkConf#setJars}). Not thread-safe; a command-line program.
 */
public final class StandaloneExample {

    private StandaloneExample() {
    }

    /**
     * Runs the example.
     *
     * @param args master URL, comma-separated application jars, and optionally the number of trials
     */
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: StandaloneExample <master-url> <jar,jar,...> [trials]");
            System.exit(2);
        }
        int nTrials = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        SparkConf conf = new SparkConf().setMaster(args[0]).setAppName("automl4j-standalone-example")
                .setJars(args[1].split(","))
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false")
                .set("spark.executor.memory", "512m")
                .set("spark.cores.max", "2");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            // Points on the line y = 3x - 2: the best trial should find a close to 3 and b close to -2.
            double[][] points = new double[200][];
            for (int i = 0; i < points.length; i++) {
                double x = i / 20.0;
                points[i] = new double[] {x, 3 * x - 2};
            }
            SearchSpace space = SearchSpace.builder()
                    .add("a", new FloatDistribution(-10, 10, false, 0))
                    .add("b", new FloatDistribution(-10, 10, false, 0))
                    .build();
            Study study = Study.builder().name("standalone-example").sampler(Samplers.tpe(42)).build();
            SparkTrials trials = SparkTrials.builder(sc).parallelism(2).trialTimeout(Duration.ofMinutes(1)).build();
            SparkRunResult r = trials.optimizeWithData(study, space, points, StandaloneExample::meanSquaredError,
                    OptimizeOptions.trials(nTrials));

            System.out.println("master:      " + sc.master() + " (default parallelism " + sc.defaultParallelism() + ")");
            System.out.println("run:         " + r);
            System.out.println("executors:   " + Arrays.toString(study.trials(TrialState.COMPLETE).stream()
                    .map(t -> String.valueOf(t.systemAttrs().get(SparkTrials.EXECUTOR_ATTR))).distinct().sorted()
                    .toArray()));
            FrozenTrial best = study.bestTrial().orElseThrow();
            System.out.printf("best:        trial %d, mse %.5f, a=%.4f b=%.4f%n", best.number(), best.value(),
                    (Double) best.params().get("a"), (Double) best.params().get("b"));
        }
    }

    static double meanSquaredError(Map<String, Object> params, double[][] points) throws InterruptedException {
        Thread.sleep(100);
        double a = (Double) params.get("a");
        double b = (Double) params.get("b");
        double sum = 0;
        for (double[] p : points) {
            double e = a * p[0] + b - p[1];
            sum += e * e;
        }
        return sum / points.length;
    }
}
