package org.automl4j.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.automl4j.data.split.Split;
import org.automl4j.data.split.Splits;
import org.automl4j.deep.DeepEngine;
import org.automl4j.metagrad.fewshot.Adaptation;
import org.automl4j.metagrad.fewshot.Algorithm;
import org.automl4j.metagrad.fewshot.ClassificationTasks;
import org.automl4j.metagrad.fewshot.ConvFewShot;
import org.automl4j.metagrad.fewshot.Curve;
import org.automl4j.metagrad.fewshot.FewShotTask;
import org.automl4j.metagrad.fewshot.ImageSet;
import org.automl4j.metagrad.fewshot.MetaInit;
import org.automl4j.metagrad.fewshot.MetaOptions;
import org.automl4j.metagrad.fewshot.MetaTrainer;
import org.automl4j.metagrad.fewshot.Pretraining;
import org.automl4j.metagrad.fewshot.SinusoidTasks;
import org.automl4j.metagrad.fewshot.TaskDistribution;
import org.automl4j.metagrad.hypergradient.HypergradientDescent;
import org.automl4j.metagrad.hypergradient.LabeledData;
import org.automl4j.metagrad.hypergradient.MlpTraining;
import org.automl4j.metagrad.nn.Activation;
import org.automl4j.metagrad.nn.ConvWeights;
import org.automl4j.metagrad.nn.Loss;
import org.automl4j.metagrad.nn.Weights;
import org.automl4j.sampler.Samplers;
import org.automl4j.study.Direction;
import org.automl4j.study.Study;
import org.automl4j.trial.FrozenTrial;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code benchmark metalearn}: (a) sinusoid regression, K = 10: query MSE over 10 adaptation steps from the
 * meta-learned initialisation (Reptile, first-order MAML, MAML) against the same network from a random
 * initialisation, on 100 new tasks; (b) 5-way 5-shot digits (meta-train digits 0-4 with their rotations,
 * meta-test digits 5-9): accuracy of the meta-learned initialisations against pretrain-then-fine-tune and a
 * raw-pixel nearest-centroid reference, plus MAML with Meta-SGD rates, Proto-MAML (first- and second-order: each
 * task's output layer starts from its support prototypes), the same prototype head on the pretrained and on a random
 * network, and nearest centroids in each start's hidden features; with {@code --digits-source mnist} the same on the
 * MNIST test set (read from {@code --mnist-dir}, average-pooled by {@code --mnist-pool}), and with {@code --lr-seeds}
 * each method's adaptation rate is chosen on those seeds and reported on {@code --seeds}; (c) hypergradient learning-rate adaptation on an MLP for the digits, started 10x below and above the best
 * fixed learning rate TPE finds in 30 trials, with the paper's rule and with the probe warm-up.
 */
@Command(name = "metalearn", mixinStandardHelpOptions = true,
        description = "Gradient-based meta-learning (sinusoid and digit few-shot tasks) and hypergradient learning rates.",
        footer = {"", "Examples:", "  ./automl4j benchmark metalearn",
                "  ./automl4j benchmark metalearn --parts sinusoid --seeds 0-4 --sinusoid-iterations 20000",
                "  ./automl4j benchmark metalearn --parts hypergradient --tpe-trials 30 --hd-epochs 30",
                "  ./automl4j benchmark metalearn --parts hypergradient,digits --digits-transforms 8 --hd-probe 20",
                "  ./automl4j benchmark metalearn --parts digits --digits-transforms 8 --digits-methods"
                        + " maml,protomaml,pretrain --proto-inner-lr 0.2",
                "  ./automl4j benchmark metalearn --parts digits --digits-source mnist --mnist-pool 2 --digits-transforms 8"
                        + " --lr-seeds 10-12 --seeds 0-2 --digits-methods protomaml_fo,pretrain,random_init"})
public final class MetalearnBenchmark implements Callable<Integer> {

    @Option(names = "--parts", split = ",", defaultValue = "sinusoid,digits,hypergradient",
            description = "Which parts (default ${DEFAULT-VALUE}).")
    List<String> parts;

    @Option(names = "--seeds", defaultValue = "0-2", description = "Seed range A-B or one seed (default ${DEFAULT-VALUE}).")
    String seeds;

    @Option(names = "--sinusoid-iterations", defaultValue = "10000", description = "Meta-iterations, sinusoid (default ${DEFAULT-VALUE}).")
    int sinusoidIterations;

    @Option(names = "--digits-iterations", defaultValue = "3000", description = "Meta-iterations, digits (default ${DEFAULT-VALUE}).")
    int digitsIterations;

    @Option(names = "--digits-source", defaultValue = "digits",
            description = "Images of the digit part: digits (the bundled 8x8 scikit-learn digits) or mnist (the MNIST"
                    + " test set in --mnist-dir, pooled by --mnist-pool); meta-train on 0-4, meta-test on 5-9 either way"
                    + " (default ${DEFAULT-VALUE}).")
    String digitsSource;

    @Option(names = "--mnist-dir", defaultValue = "../shared/datasets/images/mnist",
            description = "Folder holding t10k-images-idx3-ubyte[.gz] and t10k-labels-idx1-ubyte[.gz] (default ${DEFAULT-VALUE}).")
    Path mnistDir;

    @Option(names = "--mnist-pool", defaultValue = "2",
            description = "Average-pooling factor for MNIST's 28x28 images: 1, 2 (14x14), 4 (7x7), 7 or 14 (default ${DEFAULT-VALUE}).")
    int mnistPool;

    @Option(names = "--lr-seeds",
            description = "Seed range of the digit part on which each method's adaptation rate is chosen (run before"
                    + " --seeds); the summary's digits_selected then reports --seeds at those rates (default: none).")
    String lrSeeds;

    @Option(names = "--digits-transforms", defaultValue = "4",
            description = "Square symmetries per source digit as extra meta-training classes: 4 (rotations) or 8 (and"
                    + " mirrored); the pretraining baseline gets the same classes (default ${DEFAULT-VALUE}).")
    int digitsTransforms;

    @Option(names = "--digits-methods", split = ",",
            defaultValue = "reptile,fomaml,maml,maml_metasgd,protomaml_fo,protomaml,pretrain,random_init",
            description = "Digit methods to run (default ${DEFAULT-VALUE}); pretrain covers every pretrain-then-fine-tune"
                    + " baseline, random_init the random starts; the raw-pixel nearest centroid always runs.")
    List<String> digitsMethods;

    @Option(names = "--proto-inner-steps", defaultValue = "5",
            description = "Inner steps of the Proto-MAML variants while meta-training (default ${DEFAULT-VALUE}).")
    int protoInnerSteps;

    @Option(names = "--proto-inner-lr", defaultValue = "0.05",
            description = "Inner learning rate of the Proto-MAML variants (default ${DEFAULT-VALUE}).")
    double protoInnerLr;

    @Option(names = "--proto-hidden", split = ",", defaultValue = "64,64",
            description = "Hidden widths of the Proto-MAML variants (default ${DEFAULT-VALUE}).")
    List<Integer> protoHidden;

    @Option(names = "--pretrain-hidden", split = ",", defaultValue = "64,64",
            description = "Hidden widths of the pretrain-then-fine-tune baselines (default ${DEFAULT-VALUE}).")
    List<Integer> pretrainHidden;

    @Option(names = "--conv-channels", split = ",", defaultValue = "32,32,32",
            description = "Channels per block of the conv_* methods' convolutional body (3x3 convolution, ReLU, 2x2 max"
                    + " pooling per block; default ${DEFAULT-VALUE}).")
    List<Integer> convChannels;

    @Option(names = "--conv-iterations", defaultValue = "5000",
            description = "Meta-iterations of conv_protonet and conv_protomaml_fo (default ${DEFAULT-VALUE}).")
    int convIterations;

    @Option(names = "--conv-meta-batch", defaultValue = "4",
            description = "Tasks per meta-iteration of the conv_* meta-learners (default ${DEFAULT-VALUE}).")
    int convMetaBatch;

    @Option(names = "--conv-all-layers", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also fine-tune every layer of the conv_* starts (about a minute per rate and start; head-only"
                    + " curves always run; default ${DEFAULT-VALUE}).")
    boolean convAllLayers;

    @Option(names = "--conv-train-ways", defaultValue = "5",
            description = "Classes per meta-training task of the conv_* meta-learners; more than the 5 of the test tasks is"
                    + " Snell et al.'s higher-way training (default ${DEFAULT-VALUE}).")
    int convTrainWays;

    @Option(names = "--conv-inner-steps", defaultValue = "3",
            description = "Inner steps of conv_protomaml_fo while meta-training (default ${DEFAULT-VALUE}).")
    int convInnerSteps;

    @Option(names = "--conv-inner-lr", defaultValue = "0.01",
            description = "Inner rate of conv_protomaml_fo while meta-training (default ${DEFAULT-VALUE}).")
    double convInnerLr;

    @Option(names = "--conv-meta-lr", defaultValue = "0.001",
            description = "Adam rate of the conv_* meta-learners and of conv_pretrain (default ${DEFAULT-VALUE}).")
    double convMetaLr;

    @Option(names = "--conv-pretrain-epochs", defaultValue = "20",
            description = "Pretraining epochs of conv_pretrain (Adam, minibatches of 64; default ${DEFAULT-VALUE}).")
    int convPretrainEpochs;

    @Option(names = "--conv-shift", defaultValue = "0",
            description = "Augmentation of the conv_* methods' source images, meta-training and pretraining alike: each"
                    + " image moves at random by up to this many pixels per axis (default ${DEFAULT-VALUE}: none).")
    int convShift;

    @Option(names = "--conv-cosine", defaultValue = "0",
            description = "Cosine embeddings for the conv_* meta-learners (prototypical network, Proto-MAML and"
                    + " Meta-Baseline's episodic stage) and conv_pretrain_cosine: every embedding scaled to this length"
                    + " (default ${DEFAULT-VALUE}: unnormalised).")
    double convCosine;

    @Option(names = "--tpe-trials", defaultValue = "30", description = "TPE trials for the best fixed learning rate (default ${DEFAULT-VALUE}).")
    int tpeTrials;

    @Option(names = "--hd-epochs", defaultValue = "30", description = "Epochs per training run in part (c) (default ${DEFAULT-VALUE}).")
    int hdEpochs;

    @Option(names = "--hd-beta", defaultValue = "0.02", description = "Hypergradient step of the multiplicative rule (default ${DEFAULT-VALUE}).")
    double hdBeta;

    @Option(names = "--hd-probe", defaultValue = "20",
            description = "Probe warm-up steps of the hypergradient runs (0: only the paper's rule; default ${DEFAULT-VALUE}).")
    int hdProbe;

    @Option(names = "--out", description = "Result JSON (default bench/results/metalearn-<date>.json).")
    Path out;

    private static final ObjectMapper M = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int ADAPT_STEPS = 10;
    private static final int LONG_STEPS = 50;

    private static final List<String> DIGIT_METHODS = List.of("reptile", "fomaml", "maml", "maml_metasgd", "protomaml_fo",
            "protomaml", "pretrain", "random_init", "conv_protonet", "conv_protomaml_fo", "conv_pretrain", "conv_pretrain_unit", "conv_metabaseline",
            "conv_pretrain_cosine");
    /** Head-only rates on unit-length embeddings (conv_pretrain_unit: gradients are far smaller there). */
    private static final double[] CONV_UNIT_RATES = {0.1, 0.3, 1, 3, 10};
    /** The meta-learned starts (and the random one) compared with the best pretrain-then-fine-tune baseline. */
    private static final List<String> META_LEARNERS = List.of("reptile", "fomaml", "maml", "maml_metasgd", "protomaml_fo",
            "protomaml", "conv_protonet", "conv_protonet_head", "conv_protomaml_fo", "conv_protomaml_fo_head", "conv_metabaseline", "conv_metabaseline_head", "random_init");
    /** Adaptation rates tried on the test tasks for every conv_* start: head-only fine-tuning (cheap: fixed embeddings). */
    private static final double[] CONV_HEAD_RATES = {0.0003, 0.001, 0.003, 0.01, 0.03};
    /** All-layer fine-tuning of the conv_* starts (about a minute per rate for 200 tasks and 50 steps on 2 cores). */
    private static final double[] CONV_ALL_RATES = {0.001, 0.003, 0.01};

    private DeepEngine engine;
    /** The digit part's images, read once per run. */
    private ImageSet digitImages;

    @Override
    public Integer call() throws Exception {
        long[] seedList = parseSeeds(seeds);
        if (digitsTransforms != 4 && digitsTransforms != 8) {
            throw new IllegalArgumentException("--digits-transforms must be 4 (rotations) or 8 (rotations and mirrors), got "
                    + digitsTransforms);
        }
        for (String m : digitsMethods) {
            if (!DIGIT_METHODS.contains(m)) {
                throw new IllegalArgumentException("unknown digit method '" + m + "'; use some of " + DIGIT_METHODS);
            }
        }
        for (String part : parts) {
            if (!List.of("sinusoid", "digits", "hypergradient").contains(part)) {
                throw new IllegalArgumentException("unknown part '" + part + "'; use sinusoid, digits, hypergradient");
            }
        }
        if (!List.of("digits", "mnist").contains(digitsSource)) {
            throw new IllegalArgumentException("--digits-source must be digits or mnist, got '" + digitsSource + "'");
        }
        long[] lrSeedList = lrSeeds == null ? new long[0] : parseSeeds(lrSeeds);
        for (long a : lrSeedList) {
            for (long b : seedList) {
                if (a == b) {
                    throw new IllegalArgumentException("--lr-seeds " + lrSeeds + " and --seeds " + seeds + " share seed " + a
                            + "; rates chosen on a seed must not be reported on it, give disjoint ranges");
                }
            }
        }
        if (parts.contains("digits")) {
            digitImages = digitImages(); // fails before the engine starts when the files are missing
        }
        engine = DeepEngine.start();
        ObjectNode doc = M.createObjectNode();
        doc.put("benchmark", "metalearn");
        doc.put("command", "./automl4j benchmark metalearn --parts " + String.join(",", parts) + " --seeds " + seeds
                + " --sinusoid-iterations " + sinusoidIterations + " --digits-iterations " + digitsIterations
                + (digitsSource.equals("digits") ? "" : " --digits-source " + digitsSource + " --mnist-dir " + mnistDir
                        + " --mnist-pool " + mnistPool)
                + (lrSeeds == null ? "" : " --lr-seeds " + lrSeeds)
                + " --digits-transforms " + digitsTransforms + " --digits-methods " + String.join(",", digitsMethods)
                + " --proto-inner-steps " + protoInnerSteps + " --proto-inner-lr " + protoInnerLr + " --proto-hidden "
                + protoHidden.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","))
                + (pretrainHidden.equals(List.of(64, 64)) ? "" : " --pretrain-hidden "
                        + pretrainHidden.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")))
                + (digitsMethods.stream().anyMatch(m -> m.startsWith("conv_")) ? " --conv-channels " + join(convChannels)
                        + " --conv-iterations " + convIterations + " --conv-meta-batch " + convMetaBatch
                        + (convTrainWays == 5 ? "" : " --conv-train-ways " + convTrainWays)
                        + (convAllLayers ? "" : " --no-conv-all-layers") + " --conv-inner-steps "
                        + convInnerSteps + " --conv-inner-lr " + convInnerLr + " --conv-meta-lr " + convMetaLr
                        + " --conv-pretrain-epochs " + convPretrainEpochs + " --conv-shift " + convShift
                        + (convCosine > 0 ? " --conv-cosine " + convCosine : "") : "")
                + " --tpe-trials " + tpeTrials + " --hd-epochs " + hdEpochs + " --hd-beta " + hdBeta + " --hd-probe " + hdProbe);
        doc.put("commit", Machine.commit());
        doc.put("date", OffsetDateTime.now(ZoneOffset.UTC).toString());
        ObjectNode machine = Machine.describe();
        machine.put("engine", engine.describe());
        doc.set("machine", machine);
        if (digitImages != null) {
            doc.put("digits_source", digitsSource);
            doc.put("digits_images", digitImages.pixels().length + " images of " + digitImages.features() + " features"
                    + (digitImages.side() > 0 ? " (" + digitImages.side() + "x" + digitImages.side() + ")" : ""));
        }
        ArrayNode runs = doc.putArray("runs");
        ObjectNode summary = doc.putObject("summary");
        Path file = out != null ? out : Paths.get("bench", "results", "metalearn-"
                + OffsetDateTime.now(ZoneOffset.UTC).toLocalDate() + ".json");
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        for (String part : parts) {
            boolean digitPart = part.equals("digits");
            int select = digitPart ? lrSeedList.length : 0;
            for (int i = 0; i < select + seedList.length; i++) {
                long s = i < select ? lrSeedList[i] : seedList[i - select];
                switch (part) {
                    case "sinusoid" -> sinusoid(s, runs);
                    case "digits" -> digits(s, i < select ? "lr_selection" : "report", runs);
                    default -> hypergradient(s, runs);
                }
                // written after every seed, so an interrupted run keeps what it measured
                summary.removeAll();
                summarizeSinusoid(summary.putArray("sinusoid"), runs);
                summarizeDigits(summary.putArray("digits"), runs);
                if (lrSeedList.length > 0) {
                    summarizeDigitsSelected(summary.putArray("digits_selected"), runs);
                }
                summarizeHypergradient(summary.putArray("hypergradient"), runs);
                M.writeValue(file.toFile(), doc);
            }
        }
        System.out.println(M.writeValueAsString(summary));
        System.out.println("results written to " + file.toAbsolutePath());
        return 0;
    }

    static long[] parseSeeds(String s) {
        String[] ab = s.split("-");
        long a = Long.parseLong(ab[0].trim());
        long b = ab.length > 1 ? Long.parseLong(ab[1].trim()) : a;
        if (b < a) {
            throw new IllegalArgumentException("--seeds A-B needs A <= B, got " + s);
        }
        long[] out = new long[(int) (b - a + 1)];
        for (int i = 0; i < out.length; i++) {
            out[i] = a + i;
        }
        return out;
    }

    private static List<FewShotTask> sample(TaskDistribution d, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<FewShotTask> t = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            t.add(d.sample(r));
        }
        return t;
    }

    private static ArrayNode array(ObjectNode n, String key, double[] v) {
        ArrayNode a = n.putArray(key);
        for (double x : v) {
            a.add(x);
        }
        return a;
    }

    // ---------------------------------------------------------------- (a) sinusoid

    private void sinusoid(long seed, ArrayNode runs) {
        SinusoidTasks train = new SinusoidTasks(10, 10);
        List<FewShotTask> tasks = sample(new SinusoidTasks(10, 100), 100, 1_000 + seed);
        Adaptation a = new Adaptation(engine);
        MetaTrainer trainer = new MetaTrainer(engine);
        for (Algorithm alg : Algorithm.values()) {
            MetaOptions o = MetaOptions.sinusoid(alg, sinusoidIterations);
            long t0 = System.nanoTime();
            MetaInit init;
            try {
                init = trainer.train(train, o, seed, null);
            } catch (IllegalStateException diverged) {
                runs.addObject().put("part", "sinusoid").put("method", alg.name().toLowerCase(Locale.ROOT)).put("seed", seed)
                        .put("status", "diverged").put("error", diverged.getMessage());
                System.out.printf(Locale.ROOT, "sinusoid seed %d %-7s diverged: %s%n", seed, alg, diverged.getMessage());
                continue;
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            Curve learned = a.curve(init.weights(), Loss.MSE, tasks, ADAPT_STEPS, o.innerLr(), 0);
            Curve random = a.curve(Weights.random(init.weights().spec(), seed + 7), Loss.MSE, tasks, ADAPT_STEPS, o.innerLr(), 0);
            ObjectNode r = runs.addObject();
            r.put("part", "sinusoid").put("method", alg.name().toLowerCase(Locale.ROOT)).put("seed", seed)
                    .put("k", 10).put("tasks", tasks.size()).put("iterations", o.iterations()).put("meta_batch", o.metaBatch())
                    .put("inner_steps", o.innerSteps()).put("inner_lr", o.innerLr()).put("meta_lr", o.metaLr())
                    .put("network", init.weights().spec().describe()).put("train_s", secs);
            array(r, "mse_curve", learned.loss());
            array(r, "random_init_mse_curve", random.loss());
            r.put("final_mse", learned.finalLoss()).put("final_mse_ci95", learned.finalLossCi95())
                    .put("random_init_final_mse", random.finalLoss())
                    .put("ratio_random_over_learned", random.finalLoss() / learned.finalLoss());
            System.out.printf(Locale.ROOT, "sinusoid seed %d %-7s %6.1fs: MSE after %d steps %.4f, random init %.4f (%.1fx)%n",
                    seed, alg, secs, ADAPT_STEPS, learned.finalLoss(), random.finalLoss(), random.finalLoss() / learned.finalLoss());
        }
        // the random initialisation with its best learning rate (an easier baseline than the target's)
        double bestMse = Double.POSITIVE_INFINITY;
        double bestLr = Double.NaN;
        Curve best = null;
        Weights rnd = Weights.random(new org.automl4j.metagrad.nn.MlpSpec(1, List.of(40, 40), 1, Activation.RELU), seed + 7);
        for (double lr : new double[] {0.001, 0.003, 0.01, 0.03, 0.1, 0.3}) {
            Curve c = a.curve(rnd, Loss.MSE, tasks, ADAPT_STEPS, lr, 0);
            if (c.finalLoss() < bestMse) {
                bestMse = c.finalLoss();
                bestLr = lr;
                best = c;
            }
        }
        ObjectNode r = runs.addObject();
        r.put("part", "sinusoid").put("method", "random_init_best_lr").put("seed", seed).put("lr", bestLr)
                .put("final_mse", bestMse);
        array(r, "mse_curve", best.loss());
        System.out.printf(Locale.ROOT, "sinusoid seed %d random init at its best lr %s: MSE %.4f%n", seed, bestLr, bestMse);
    }

    private void summarizeSinusoid(ArrayNode out, ArrayNode runs) {
        for (String method : List.of("reptile", "fomaml", "maml", "random_init_best_lr")) {
            List<double[]> curves = new ArrayList<>();
            List<double[]> randomCurves = new ArrayList<>();
            List<Double> finals = new ArrayList<>();
            List<Double> randomFinals = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            runs.forEach(r -> {
                if (r.path("part").asText().equals("sinusoid") && r.path("method").asText().equals(method)
                        && !r.path("status").asText().equals("diverged")) {
                    curves.add(toArray(r.path("mse_curve")));
                    finals.add(r.path("final_mse").asDouble());
                    if (r.has("random_init_mse_curve")) {
                        randomCurves.add(toArray(r.path("random_init_mse_curve")));
                        randomFinals.add(r.path("random_init_final_mse").asDouble());
                        ratios.add(r.path("ratio_random_over_learned").asDouble());
                    }
                }
            });
            if (curves.isEmpty()) {
                continue;
            }
            ObjectNode s = out.addObject();
            s.put("method", method).put("seeds", curves.size()).put("median_final_mse", Stats.median(unbox(finals)));
            array(s, "median_mse_curve", medianCurve(curves));
            if (!ratios.isEmpty()) {
                s.put("median_random_init_final_mse", Stats.median(unbox(randomFinals)));
                array(s, "median_random_init_mse_curve", medianCurve(randomCurves));
                double ratio = Stats.median(unbox(ratios));
                s.put("median_ratio", ratio).put("target_5x_met", ratio >= 5);
            }
        }
    }

    // ---------------------------------------------------------------- (b) digits

    /** The images of the digit part: the bundled 8x8 digits, or the MNIST test set pooled by {@code --mnist-pool}. */
    private ImageSet digitImages() {
        if (digitsSource.equals("digits")) {
            return ImageSet.digits();
        }
        Path images = idxFile(mnistDir, "t10k-images-idx3-ubyte");
        Path labels = idxFile(mnistDir, "t10k-labels-idx1-ubyte");
        return ImageSet.fromIdx(images, labels, mnistPool);
    }

    private static Path idxFile(Path dir, String stem) {
        for (String name : List.of(stem + ".gz", stem)) {
            if (Files.isRegularFile(dir.resolve(name))) {
                return dir.resolve(name);
            }
        }
        throw new IllegalArgumentException("--mnist-dir " + dir.toAbsolutePath() + " holds no " + stem + "[.gz]; give the"
                + " folder of the MNIST test files (t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz)");
    }

    /** A new digit-part run object, tagged with its image source and its role (lr_selection or report). */
    private ObjectNode digitRow(ArrayNode runs, String method, long seed, String role) {
        ObjectNode r = runs.addObject();
        r.put("part", "digits").put("method", method).put("seed", seed).put("source", digitsSource);
        if (!digitsSource.equals("digits")) {
            r.put("mnist_pool", mnistPool);
        }
        return r.put("role", role);
    }

    private void digits(long seed, String role, ArrayNode runs) {
        ImageSet digits = digitImages;
        List<Integer> rotations = digitsTransforms == 8 ? List.of(0, 1, 2, 3, 4, 5, 6, 7) : List.of(0, 1, 2, 3);
        ClassificationTasks train = ClassificationTasks.of(digits, List.of(0, 1, 2, 3, 4), rotations, 5, 5, 5);
        ClassificationTasks test = ClassificationTasks.of(digits, List.of(5, 6, 7, 8, 9), List.of(0), 5, 5, 15);
        List<FewShotTask> tasks = sample(test, 200, 2_000 + seed);
        Adaptation a = new Adaptation(engine);
        double centroidAccuracy = nearestCentroid(tasks);
        digitRow(runs, "nearest_centroid_raw_pixels", seed, role).put("accuracy", centroidAccuracy);
        System.out.printf(Locale.ROOT, "digits (%s) seed %d nearest centroid, raw pixels: %.3f%n", digitsSource, seed,
                centroidAccuracy);
        MetaTrainer trainer = new MetaTrainer(engine);
        Map<String, MetaOptions> variants = new LinkedHashMap<>();
        for (Algorithm alg : Algorithm.values()) {
            variants.put(alg.name().toLowerCase(Locale.ROOT), MetaOptions.digits(alg, digitsIterations));
        }
        variants.put("maml_metasgd", MetaOptions.digits(Algorithm.MAML, digitsIterations).withLearnedRates(true));
        // Proto-MAML (Triantafillou et al. 2020): first-order as in the paper, and MAML through the inner steps
        for (Algorithm alg : List.of(Algorithm.FOMAML, Algorithm.MAML)) {
            MetaOptions d = MetaOptions.digits(alg, digitsIterations);
            variants.put(alg == Algorithm.MAML ? "protomaml" : "protomaml_fo", new MetaOptions(alg, protoHidden,
                    d.activation(), digitsIterations, d.metaBatch(), protoInnerSteps, protoInnerLr, d.metaLr(), true)
                    .withPrototypeHead(true));
        }
        for (var v : variants.entrySet()) {
            String name = v.getKey();
            MetaOptions o = v.getValue();
            if (!digitsMethods.contains(name)) {
                continue;
            }
            long t0 = System.nanoTime();
            MetaInit init;
            try {
                init = trainer.train(train, o, seed, null);
            } catch (IllegalStateException diverged) {
                digitRow(runs, name, seed, role).put("status", "diverged").put("error", diverged.getMessage());
                System.out.printf(Locale.ROOT, "digits seed %d %-7s diverged: %s%n", seed, name, diverged.getMessage());
                continue;
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "digits seed %d %s meta-training took %.1f s%n", seed, name, secs);
            for (double f : new double[] {0.5, 1, 2}) {
                // Meta-SGD: the learned per-parameter rates scaled by f (lr = f); otherwise one rate
                double lr = o.learnedRates() ? f : o.innerLr() * f;
                Curve c = a.curve(init.weights(), init.innerRates(), Loss.SOFTMAX_CROSS_ENTROPY, tasks, LONG_STEPS, lr, 0,
                        init.prototypeHead());
                digitRun(runs, role, name, seed, lr, c, secs, o);
            }
            featureCentroids(runs, role, name, seed, init.weights(), tasks);
        }
        Weights rnd = Weights.random(new org.automl4j.metagrad.nn.MlpSpec(digits.features(), List.of(64, 64), 5, Activation.RELU), seed + 7);
        if (digitsMethods.contains("random_init")) {
            featureCentroids(runs, role, "random_init", seed, rnd, tasks);
            for (double lr : new double[] {0.1, 0.3, 1.0}) {
                digitRun(runs, role, "random_init", seed, lr, a.curve(rnd, Loss.SOFTMAX_CROSS_ENTROPY, tasks, LONG_STEPS, lr, 0), 0,
                        null);
            }
            // the same random body with each task's prototype head
            Weights rndFresh = Pretraining.withFreshHead(rnd, 5);
            for (double lr : new double[] {0.01, 0.03, 0.1}) {
                digitRun(runs, role, "random_protohead_finetune", seed, lr, a.curve(rndFresh, null, Loss.SOFTMAX_CROSS_ENTROPY,
                        tasks, LONG_STEPS, lr, 0, true), 0, null);
            }
        }
        convDigits(seed, role, runs, train, tasks);
        if (!digitsMethods.contains("pretrain")) {
            return;
        }
        long t0 = System.nanoTime();
        Weights pre = new Pretraining(engine).pretrain(train, pretrainHidden, Activation.RELU, 30, 32, 0.1, seed);
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "digits seed %d pretraining took %.1f s%n", seed, secs);
        Weights fresh = Pretraining.withFreshHead(pre, 5);
        featureCentroids(runs, role, "pretrain", seed, pre, tasks);
        for (double lr : new double[] {0.03, 0.1, 0.3}) {
            digitRun(runs, role, "pretrain_finetune_head", seed, lr, a.curve(fresh, Loss.SOFTMAX_CROSS_ENTROPY, tasks, LONG_STEPS,
                    lr, 2), secs, null);
            digitRun(runs, role, "pretrain_finetune_all", seed, lr, a.curve(fresh, Loss.SOFTMAX_CROSS_ENTROPY, tasks, LONG_STEPS,
                    lr, 0), secs, null);
        }
        // Proto-MAML's head on the pretrained body: each task's output layer starts from its prototypes (step 0 is
        // nearest-prototype classification in the last hidden layer), then fine-tuning
        for (double lr : new double[] {0.01, 0.03, 0.1}) {
            digitRun(runs, role, "pretrain_protohead_finetune", seed, lr, a.curve(fresh, null, Loss.SOFTMAX_CROSS_ENTROPY, tasks,
                    LONG_STEPS, lr, 0, true), secs, null);
            digitRun(runs, role, "pretrain_protohead_finetune_head", seed, lr, a.curve(fresh, null, Loss.SOFTMAX_CROSS_ENTROPY,
                    tasks, LONG_STEPS, lr, 2, true), secs, null);
        }
    }

    /**
     * The convolutional-body methods: a prototypical network and first-order Proto-MAML meta-trained on the source
     * classes, and the pretrain-then-fine-tune baseline on the same body; each start fine-tuned on the test tasks'
     * support sets (head only, or all layers) from a zero head or each task's prototype head.
     */
    private void convDigits(long seed, String role, ArrayNode runs, ClassificationTasks train, List<FewShotTask> tasks) {
        if (digitsMethods.stream().noneMatch(m -> m.startsWith("conv_"))) {
            return;
        }
        ConvFewShot few = new ConvFewShot(engine);
        Map<String, ConvFewShot.MetaSettings> meta = new LinkedHashMap<>();
        meta.put("conv_protonet", new ConvFewShot.MetaSettings(convIterations, convMetaBatch, 0, 0, convMetaLr, convShift));
        meta.put("conv_protomaml_fo", new ConvFewShot.MetaSettings(convIterations, convMetaBatch, convInnerSteps, convInnerLr,
                convMetaLr, convShift));
        for (var e : meta.entrySet()) {
            if (!digitsMethods.contains(e.getKey())) {
                continue;
            }
            long t0 = System.nanoTime();
            ConvWeights w;
            try {
                w = few.metaTrain(convTrainWays == train.ways() ? train : train.with(convTrainWays, train.shots(), train.queries()),
                        convChannels, convCosine, e.getValue(), seed);
            } catch (IllegalStateException diverged) {
                digitRow(runs, e.getKey(), seed, role).put("status", "diverged").put("error", diverged.getMessage());
                continue;
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "digits seed %d %s meta-training took %.1f s%n", seed, e.getKey(), secs);
            for (double lr : headRates(convCosine)) {
                convRun(runs, role, e.getKey() + "_head", seed, lr, few.curve(w, tasks, LONG_STEPS, lr, true, true), secs,
                        w, e.getValue());
            }
            for (double lr : convAllLayers ? CONV_ALL_RATES : new double[0]) {
                convRun(runs, role, e.getKey(), seed, lr, few.curve(w, tasks, LONG_STEPS, lr, true, false), secs, w,
                        e.getValue());
            }
        }
        boolean plain = digitsMethods.contains("conv_pretrain");
        boolean unit = digitsMethods.contains("conv_pretrain_unit");
        boolean metaBaseline = digitsMethods.contains("conv_metabaseline");
        if (digitsMethods.contains("conv_pretrain_cosine")) {
            // the baseline on cosine embeddings from the start: a linear classifier on length-s embeddings
            long t0 = System.nanoTime();
            ConvWeights pre = few.pretrain(train, convChannels, convCosine > 0 ? convCosine : 1, convPretrainEpochs, 64,
                    convMetaLr, convShift, seed);
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "digits seed %d conv cosine pretraining took %.1f s%n", seed, secs);
            for (double lr : headRates(pre.spec().embeddingScale())) {
                convRun(runs, role, "conv_pretrain_cosine_finetune_head", seed, lr,
                        few.curve(pre, tasks, LONG_STEPS, lr, false, true), secs, pre, null);
                convRun(runs, role, "conv_pretrain_cosine_protohead_finetune_head", seed, lr,
                        few.curve(pre, tasks, LONG_STEPS, lr, true, true), secs, pre, null);
            }
        }
        if (!plain && !unit && !metaBaseline) {
            return;
        }
        long t0 = System.nanoTime();
        ConvWeights pre = few.pretrain(train, convChannels, convPretrainEpochs, 64, convMetaLr, convShift, seed);
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "digits seed %d conv pretraining took %.1f s%n", seed, secs);
        if (plain) {
            for (double lr : CONV_HEAD_RATES) {
                convRun(runs, role, "conv_pretrain_finetune_head", seed, lr, few.curve(pre, tasks, LONG_STEPS, lr, false, true),
                        secs, pre, null);
                convRun(runs, role, "conv_pretrain_protohead_finetune_head", seed, lr,
                        few.curve(pre, tasks, LONG_STEPS, lr, true, true), secs, pre, null);
            }
            for (double lr : convAllLayers ? CONV_ALL_RATES : new double[0]) {
                convRun(runs, role, "conv_pretrain_finetune_all", seed, lr, few.curve(pre, tasks, LONG_STEPS, lr, false, false),
                        secs, pre, null);
            }
        }
        if (metaBaseline) {
            // Meta-Baseline (Chen et al. 2021): the pretrained body meta-trained further on prototypical episodes, at a
            // tenth of the pretraining rate; compared with fine-tuning the same pretrained body on the same seed
            ConvFewShot.MetaSettings o = new ConvFewShot.MetaSettings(convIterations, convMetaBatch, 0, 0, convMetaLr / 10,
                    convShift);
            long t1 = System.nanoTime();
            ConvWeights w = few.metaTrain(convTrainWays == train.ways() ? train
                    : train.with(convTrainWays, train.shots(), train.queries()), pre.withEmbeddingScale(convCosine), o, seed);
            double metaSecs = secs + (System.nanoTime() - t1) / 1e9;
            System.out.printf(Locale.ROOT, "digits seed %d conv_metabaseline meta-training took %.1f s after pretraining%n",
                    seed, metaSecs - secs);
            for (double lr : headRates(convCosine)) {
                convRun(runs, role, "conv_metabaseline_head", seed, lr, few.curve(w, tasks, LONG_STEPS, lr, true, true),
                        metaSecs, w, o);
            }
            for (double lr : convAllLayers ? CONV_ALL_RATES : new double[0]) {
                convRun(runs, role, "conv_metabaseline", seed, lr, few.curve(w, tasks, LONG_STEPS, lr, true, false), metaSecs,
                        w, o);
            }
        }
        if (unit) {
            // the baseline made stronger: the pretrained embeddings scaled to unit length (SimpleShot's L2 normalisation),
            // then nearest-prototype (cosine) and fine-tuning of a prototype or zero head on them
            for (double lr : CONV_UNIT_RATES) {
                convRun(runs, role, "conv_pretrain_unit_protohead_finetune_head", seed, lr,
                        few.curve(pre, tasks, LONG_STEPS, lr, true, true, true), secs, pre, null);
                convRun(runs, role, "conv_pretrain_unit_finetune_head", seed, lr,
                        few.curve(pre, tasks, LONG_STEPS, lr, false, true, true), secs, pre, null);
            }
        }
    }

    /**
     * Head-only fine-tuning rates for embeddings of length {@code scale}: the unnormalised grid, or the unit-length
     * grid divided by scale squared (the head's gradient and its effect on the logits both grow with the length).
     */
    private static double[] headRates(double scale) {
        if (scale <= 0) {
            return CONV_HEAD_RATES;
        }
        double[] r = new double[CONV_UNIT_RATES.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = CONV_UNIT_RATES[i] / (scale * scale);
        }
        return r;
    }

    private void convRun(ArrayNode runs, String role, String method, long seed, double lr, Curve c, double trainSecs,
                         ConvWeights w, ConvFewShot.MetaSettings o) {
        ObjectNode r = digitRun(runs, role, method, seed, lr, c, trainSecs, null);
        r.put("network", w.spec().describe()).put("parameters", w.parameterCount());
        if (o != null) {
            r.put("iterations", o.iterations()).put("meta_batch", o.metaBatch()).put("train_ways", convTrainWays)
                    .put("inner_steps", o.innerSteps())
                    .put("inner_lr", o.innerLr()).put("meta_lr", o.metaLr()).put("prototype_head", true)
                    .put("shift", o.shift());
        } else {
            r.put("pretrain_epochs", convPretrainEpochs).put("pretrain_lr", convMetaLr).put("shift", convShift);
        }
    }

    /** Every pretrain-then-fine-tune baseline, MLP or convolutional body. */
    static boolean isPretrain(String method) {
        return method.startsWith("pretrain") || method.startsWith("conv_pretrain");
    }

    private static String join(List<Integer> l) {
        return l.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
    }

    private ObjectNode digitRun(ArrayNode runs, String role, String method, long seed, double lr, Curve c, double trainSecs,
                              MetaOptions o) {
        ObjectNode r = digitRow(runs, method, seed, role);
        r.put("ways", 5).put("shots", 5)
                .put("queries_per_class", 15).put("tasks", c.finalLosses().length).put("lr", lr).put("train_s", trainSecs);
        if (o != null) {
            r.put("iterations", o.iterations()).put("inner_steps", o.innerSteps()).put("inner_lr", o.innerLr())
                    .put("meta_lr", o.metaLr()).put("zero_head", o.zeroHead()).put("prototype_head", o.prototypeHead())
                    .put("hidden", o.hidden().toString());
        } else if (method.startsWith("pretrain")) {
            r.put("hidden", pretrainHidden.toString());
        }
        array(r, "accuracy_curve", c.accuracy());
        r.put("accuracy_at_0", c.accuracy()[0]).put("accuracy_at_10", c.accuracy()[ADAPT_STEPS]).put("accuracy_at_50", c.accuracy()[LONG_STEPS])
                .put("accuracy_ci95_at_50", c.finalAccuracyCi95());
        System.out.printf(Locale.ROOT, "digits seed %d %-32s lr %-6s: accuracy before steps %.3f, after 10 %.3f, after 50"
                + " %.3f%n", seed, method, lr, c.accuracy()[0], c.accuracy()[ADAPT_STEPS], c.accuracy()[LONG_STEPS]);
        return r;
    }

    /**
     * Nearest-centroid accuracy of the test tasks in the network's hidden representations (after hidden layer 1 and
     * after the last hidden layer, no adaptation): how well an initialisation's features alone separate unseen
     * classes, against raw pixels.
     */
    private void featureCentroids(ArrayNode runs, String role, String method, long seed, Weights w,
                                  List<FewShotTask> tasks) {
        ObjectNode r = digitRow(runs, method, seed, role).put("analysis", "feature_nearest_centroid");
        for (int layers = 1; layers < w.spec().layers(); layers++) {
            List<FewShotTask> mapped = new ArrayList<>(tasks.size());
            for (FewShotTask t : tasks) {
                mapped.add(new FewShotTask(hidden(w, t.support(), layers), hidden(w, t.query(), layers)));
            }
            double acc = nearestCentroid(mapped);
            r.put("after_hidden_layer_" + layers, acc);
            if (layers == w.spec().layers() - 1) {
                r.put("last_hidden_layer", acc);
            }
        }
    }

    private static org.automl4j.metagrad.fewshot.Examples hidden(Weights w, org.automl4j.metagrad.fewshot.Examples e,
                                                                  int layers) {
        float[][] out = new float[e.size()][];
        for (int i = 0; i < out.length; i++) {
            float[] a = e.x()[i];
            for (int l = 0; l < layers; l++) {
                int in = w.spec().fanIn(l);
                int o = w.spec().fanOut(l);
                float[] wt = w.tensor(2 * l);
                float[] b = w.tensor(2 * l + 1);
                float[] z = new float[o];
                for (int j = 0; j < o; j++) {
                    float s = b[j];
                    for (int k = 0; k < in; k++) {
                        s += a[k] * wt[k * o + j];
                    }
                    z[j] = w.spec().activation() == Activation.RELU ? Math.max(0, s) : (float) Math.tanh(s);
                }
                a = z;
            }
            out[i] = a;
        }
        return new org.automl4j.metagrad.fewshot.Examples(out, e.y());
    }

    private static double nearestCentroid(List<FewShotTask> tasks) {
        double total = 0;
        for (FewShotTask t : tasks) {
            int d = t.support().features();
            double[][] c = new double[5][d];
            int[] n = new int[5];
            for (int i = 0; i < t.support().size(); i++) {
                int y = (int) t.support().y()[i];
                n[y]++;
                for (int j = 0; j < d; j++) {
                    c[y][j] += t.support().x()[i][j];
                }
            }
            int ok = 0;
            for (int i = 0; i < t.query().size(); i++) {
                int best = -1;
                double bd = Double.POSITIVE_INFINITY;
                for (int k = 0; k < 5; k++) {
                    double dist = 0;
                    for (int j = 0; j < d; j++) {
                        double diff = t.query().x()[i][j] - c[k][j] / n[k];
                        dist += diff * diff;
                    }
                    if (dist < bd) {
                        bd = dist;
                        best = k;
                    }
                }
                ok += best == (int) t.query().y()[i] ? 1 : 0;
            }
            total += (double) ok / t.query().size();
        }
        return total / tasks.size();
    }

    private void summarizeDigits(ArrayNode out, ArrayNode runs) {
        Map<String, Map<Double, List<double[]>>> byMethodLr = new LinkedHashMap<>();
        List<Double> centroid = new ArrayList<>();
        Map<String, List<Double>> features = new LinkedHashMap<>();
        runs.forEach(r -> {
            if (!r.path("part").asText().equals("digits") || r.path("status").asText().equals("diverged")
                    || r.path("role").asText().equals("lr_selection")) {
                return;
            }
            if (r.has("accuracy")) {
                centroid.add(r.path("accuracy").asDouble());
                return;
            }
            if (r.has("analysis")) {
                features.computeIfAbsent(r.path("method").asText(), k -> new ArrayList<>())
                        .add(r.path("last_hidden_layer").asDouble());
                return;
            }
            byMethodLr.computeIfAbsent(r.path("method").asText(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.path("lr").asDouble(), k -> new ArrayList<>()).add(toArray(r.path("accuracy_curve")));
        });
        double baseline = Double.NEGATIVE_INFINITY;
        double baseline50 = Double.NEGATIVE_INFINITY;
        Map<String, Double> best10 = new LinkedHashMap<>();
        Map<String, Double> best50 = new LinkedHashMap<>();
        for (var e : byMethodLr.entrySet()) {
            double bestAcc = Double.NEGATIVE_INFINITY;
            double bestLr = Double.NaN;
            double[] bestCurve = null;
            double bestAcc50 = Double.NEGATIVE_INFINITY;
            double bestLr50 = Double.NaN;
            for (var l : e.getValue().entrySet()) {
                double[] med = medianCurve(l.getValue());
                if (med[LONG_STEPS] > bestAcc50) {
                    bestAcc50 = med[LONG_STEPS];
                    bestLr50 = l.getKey();
                }
                if (med[ADAPT_STEPS] > bestAcc) {
                    bestAcc = med[ADAPT_STEPS];
                    bestLr = l.getKey();
                    bestCurve = med;
                }
            }
            ObjectNode s = out.addObject();
            s.put("method", e.getKey()).put("best_lr_at_10_steps", bestLr).put("median_accuracy_at_0", bestCurve[0])
                    .put("median_accuracy_at_10", bestAcc)
                    .put("median_accuracy_at_50", bestCurve[LONG_STEPS]).put("best_lr_at_50_steps", bestLr50)
                    .put("best_median_accuracy_at_50", bestAcc50);
            array(s, "median_accuracy_curve", bestCurve);
            best10.put(e.getKey(), bestAcc);
            best50.put(e.getKey(), bestAcc50);
            if (isPretrain(e.getKey())) {
                baseline = Math.max(baseline, bestAcc);
                baseline50 = Math.max(baseline50, bestAcc50);
            }
        }
        if (!centroid.isEmpty()) {
            out.addObject().put("method", "nearest_centroid_raw_pixels").put("median_accuracy", Stats.median(unbox(centroid)));
        }
        for (var f : features.entrySet()) {
            out.addObject().put("method", f.getKey()).put("analysis", "nearest centroid in the last hidden layer, no adaptation")
                    .put("median_accuracy", Stats.median(unbox(f.getValue())));
        }
        for (String m : META_LEARNERS) {
            if (best10.containsKey(m) && Double.isFinite(baseline)) {
                out.addObject().put("comparison", m + " vs best pretrain-finetune, 10 steps")
                        .put("difference", best10.get(m) - baseline).put("above_baseline", best10.get(m) > baseline);
                out.addObject().put("comparison", m + " vs best pretrain-finetune, 50 steps (each at its best lr)")
                        .put("difference", best50.get(m) - baseline50).put("above_baseline", best50.get(m) > baseline50);
            }
        }
    }

    /**
     * The --lr-seeds protocol: each method's adaptation rate is the one with the best median accuracy over the
     * lr_selection seeds (after 10 steps, and separately after 50); the report seeds are then read at that rate, per
     * seed and as a median. The pretrain-then-fine-tune baseline is the pretrain variant best on the selection seeds.
     */
    static void summarizeDigitsSelected(ArrayNode out, ArrayNode runs) {
        Map<String, Map<Double, Map<String, Map<Long, double[]>>>> curves = new LinkedHashMap<>();
        Map<Long, Double> centroid = new java.util.TreeMap<>();
        runs.forEach(r -> {
            if (!r.path("part").asText().equals("digits") || r.path("status").asText().equals("diverged")
                    || r.has("analysis")) {
                return;
            }
            String role = r.path("role").asText("report");
            if (r.has("accuracy")) {
                if (role.equals("report")) {
                    centroid.put(r.path("seed").asLong(), r.path("accuracy").asDouble());
                }
                return;
            }
            curves.computeIfAbsent(r.path("method").asText(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.path("lr").asDouble(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(role, k -> new java.util.TreeMap<>())
                    .put(r.path("seed").asLong(), toArray(r.path("accuracy_curve")));
        });
        Map<String, double[]> chosen = new LinkedHashMap<>(); // selection median, report median at 10 and at 50
        for (var m : curves.entrySet()) {
            ObjectNode s = out.addObject().put("method", m.getKey());
            double[] row = new double[4];
            java.util.Arrays.fill(row, Double.NaN);
            for (int steps : new int[] {ADAPT_STEPS, LONG_STEPS}) {
                double bestSel = Double.NEGATIVE_INFINITY;
                double bestLr = Double.NaN;
                for (var l : m.getValue().entrySet()) {
                    Map<Long, double[]> sel = l.getValue().get("lr_selection");
                    if (sel == null) {
                        continue;
                    }
                    double med = Stats.median(sel.values().stream().mapToDouble(c -> c[steps]).toArray());
                    if (med > bestSel) {
                        bestSel = med;
                        bestLr = l.getKey();
                    }
                }
                if (Double.isNaN(bestLr)) {
                    continue;
                }
                String at = "_at_" + steps;
                s.put("lr_chosen" + at, bestLr).put("selection_median_accuracy" + at, bestSel);
                Map<Long, double[]> rep = m.getValue().get(bestLr).getOrDefault("report", Map.of());
                ObjectNode per = s.putObject("report_accuracy" + at);
                ObjectNode per0 = steps == ADAPT_STEPS ? s.putObject("report_accuracy_at_0") : null;
                for (var e : rep.entrySet()) {
                    per.put(Long.toString(e.getKey()), e.getValue()[steps]);
                    if (per0 != null) {
                        per0.put(Long.toString(e.getKey()), e.getValue()[0]);
                    }
                }
                if (!rep.isEmpty()) {
                    double med = Stats.median(rep.values().stream().mapToDouble(c -> c[steps]).toArray());
                    s.put("report_median_accuracy" + at, med);
                    row[steps == ADAPT_STEPS ? 1 : 3] = med;
                }
                row[steps == ADAPT_STEPS ? 0 : 2] = bestSel;
            }
            chosen.put(m.getKey(), row);
        }
        double centroidMedian = Double.NaN;
        if (!centroid.isEmpty()) {
            ObjectNode c = out.addObject().put("method", "nearest_centroid_raw_pixels");
            ObjectNode per = c.putObject("report_accuracy");
            centroid.forEach((k, v) -> per.put(Long.toString(k), v));
            centroidMedian = Stats.median(unbox(new ArrayList<>(centroid.values())));
            c.put("report_median_accuracy", centroidMedian);
        }
        for (int idx : new int[] {0, 2}) {
            String steps = idx == 0 ? "10" : "50";
            String baseline = null;
            for (var e : chosen.entrySet()) {
                if (isPretrain(e.getKey()) && !Double.isNaN(e.getValue()[idx + 1])
                        && (baseline == null || e.getValue()[idx] > chosen.get(baseline)[idx])) {
                    baseline = e.getKey();
                }
            }
            for (String m : META_LEARNERS) {
                double[] v = chosen.get(m);
                if (v == null || Double.isNaN(v[idx + 1])) {
                    continue;
                }
                if (baseline != null) {
                    double d = v[idx + 1] - chosen.get(baseline)[idx + 1];
                    out.addObject().put("comparison", m + " vs " + baseline + " (best pretrain on the selection seeds), "
                            + steps + " steps, report medians").put("difference", d).put("above_baseline", d > 0);
                }
                if (!Double.isNaN(centroidMedian)) {
                    double d = v[idx + 1] - centroidMedian;
                    out.addObject().put("comparison", m + " vs raw-pixel nearest centroid, " + steps + " steps, report medians")
                            .put("difference", d).put("above_baseline", d > 0);
                }
            }
        }
    }

    // ---------------------------------------------------------------- (c) hypergradient

    private void hypergradient(long seed, ArrayNode runs) {
        ImageSet set = ImageSet.digits();
        LabeledData all = new LabeledData(set.pixels(), set.labels(), set.classCount());
        Split outer = Splits.stratifiedHoldout(all.y(), set.classNames(), 0.2, 0);
        LabeledData rest = all.rows(outer.train());
        Split inner = Splits.stratifiedHoldout(rest.y(), set.classNames(), 0.25, 1);
        LabeledData train = rest.rows(inner.train());
        LabeledData val = rest.rows(inner.test());
        LabeledData test = all.rows(outer.test());
        MlpTraining t = new MlpTraining(engine);
        MlpTraining.Settings settings = new MlpTraining.Settings(List.of(64), hdEpochs, 32, seed);
        for (HypergradientDescent.Base base : HypergradientDescent.Base.values()) {
            boolean sgd = base == HypergradientDescent.Base.SGD;
            double lo = sgd ? 1e-4 : 1e-5;
            double hi = sgd ? 10 : 1;
            Study study = Study.builder().direction(Direction.MAXIMIZE).sampler(Samplers.tpe(seed)).build();
            long t0 = System.nanoTime();
            study.optimize(trial -> {
                double lr = trial.suggestFloat("lr", lo, hi, true);
                MlpTraining.Result r = t.train(train, val, test, settings, options(base, lr, 0), null);
                trial.setUserAttr("test_accuracy", r.testAccuracy());
                return r.finalValidationAccuracy();
            }, tpeTrials);
            double tpeSecs = (System.nanoTime() - t0) / 1e9;
            FrozenTrial best = study.bestTrial().orElseThrow();
            double bestLr = ((Number) best.params().get("lr")).doubleValue();
            double bestTest = ((Number) best.userAttrs().get("test_accuracy")).doubleValue();
            ObjectNode tr = runs.addObject();
            tr.put("part", "hypergradient").put("optimizer", base.name().toLowerCase(Locale.ROOT)).put("method", "tpe_fixed_lr")
                    .put("seed", seed).put("trials", tpeTrials).put("lr", bestLr).put("validation_accuracy", best.value())
                    .put("test_accuracy", bestTest).put("search_s", tpeSecs);
            ArrayNode trialLrs = tr.putArray("trial_lrs");
            ArrayNode trialVals = tr.putArray("trial_validation_accuracy");
            for (FrozenTrial f : study.trials()) {
                trialLrs.add(((Number) f.params().get("lr")).doubleValue());
                trialVals.add(f.value());
            }
            System.out.printf(Locale.ROOT, "hypergradient seed %d %s: TPE best fixed lr %.4g, validation %.4f, test %.4f (%.0fs)%n",
                    seed, base, bestLr, best.value(), bestTest, tpeSecs);
            for (double factor : new double[] {0.1, 10}) {
                double start = bestLr * factor;
                int[][] variants = hdProbe > 0 ? new int[][] {{0, 0}, {1, 0}, {1, hdProbe}} : new int[][] {{0, 0}, {1, 0}};
                for (int[] variant : variants) {
                    double beta = variant[0] == 0 ? 0 : hdBeta;
                    int probe = variant[1];
                    String method = beta == 0 ? "fixed_lr" : probe == 0 ? "hypergradient" : "hypergradient_probe";
                    MlpTraining.Result r = t.train(train, val, test, settings, options(base, start, beta).withProbe(probe),
                            null);
                    ObjectNode n = runs.addObject();
                    n.put("part", "hypergradient").put("optimizer", base.name().toLowerCase(Locale.ROOT))
                            .put("method", method).put("seed", seed)
                            .put("start_factor", factor).put("initial_lr", start).put("beta", beta).put("probe_steps", probe)
                            .put("probe_end_lr", probe > 0 ? r.learningRates()[probe] : Double.NaN)
                            .put("final_lr", r.finalLearningRate()).put("test_accuracy", r.testAccuracy())
                            .put("validation_accuracy", r.finalValidationAccuracy()).put("diverged", r.diverged())
                            .put("tpe_best_lr", bestLr).put("tpe_best_test_accuracy", bestTest)
                            .put("gap_to_tpe", bestTest - r.testAccuracy());
                    array(n, "validation_accuracy_curve", r.validationAccuracy());
                    array(n, "lr_per_epoch", perEpoch(r.learningRates(), hdEpochs));
                    System.out.printf(Locale.ROOT, "  %-19s from %.4g (%sx): final lr %.4g, test %.4f (gap to TPE %+.4f)%n",
                            method, start, factor, r.finalLearningRate(),
                            r.testAccuracy(), bestTest - r.testAccuracy());
                }
            }
        }
    }

    private static HypergradientDescent.Options options(HypergradientDescent.Base base, double lr, double beta) {
        return base == HypergradientDescent.Base.SGD ? HypergradientDescent.Options.sgd(lr, beta)
                : HypergradientDescent.Options.adam(lr, beta);
    }

    private static double[] perEpoch(double[] perStep, int epochs) {
        if (perStep.length == 0) {
            return new double[0];
        }
        int every = Math.max(1, perStep.length / epochs);
        double[] out = new double[Math.min(epochs, perStep.length / every)];
        for (int e = 0; e < out.length; e++) {
            out[e] = perStep[(e + 1) * every - 1];
        }
        return out;
    }

    private void summarizeHypergradient(ArrayNode out, ArrayNode runs) {
        for (String opt : List.of("sgd", "adam")) {
            List<Double> tpe = new ArrayList<>();
            Map<String, List<Double>> gaps = new LinkedHashMap<>();
            Map<String, List<Double>> acc = new LinkedHashMap<>();
            runs.forEach(r -> {
                if (!r.path("part").asText().equals("hypergradient") || !r.path("optimizer").asText().equals(opt)) {
                    return;
                }
                if (r.path("method").asText().equals("tpe_fixed_lr")) {
                    tpe.add(r.path("test_accuracy").asDouble());
                    return;
                }
                String key = r.path("method").asText() + "_from_" + (r.path("start_factor").asDouble() < 1 ? "0.1x" : "10x");
                gaps.computeIfAbsent(key, k -> new ArrayList<>()).add(r.path("gap_to_tpe").asDouble());
                acc.computeIfAbsent(key, k -> new ArrayList<>()).add(r.path("test_accuracy").asDouble());
            });
            if (tpe.isEmpty()) {
                continue;
            }
            ObjectNode s = out.addObject();
            s.put("optimizer", opt).put("median_tpe_best_test_accuracy", Stats.median(unbox(tpe)));
            for (String k : gaps.keySet()) {
                double gap = Stats.median(unbox(gaps.get(k)));
                s.put(k + "_median_test_accuracy", Stats.median(unbox(acc.get(k))));
                s.put(k + "_median_gap", gap);
                if (k.startsWith("hypergradient")) {
                    double worst = gaps.get(k).stream().mapToDouble(Double::doubleValue).max().orElseThrow();
                    s.put(k + "_within_2_points", gap <= 0.02);
                    s.put(k + "_max_gap", worst).put(k + "_all_seeds_within_2_points", worst <= 0.02);
                }
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private static double[] toArray(com.fasterxml.jackson.databind.JsonNode a) {
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = a.get(i).asDouble();
        }
        return d;
    }

    private static double[] unbox(List<Double> l) {
        return l.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] medianCurve(List<double[]> curves) {
        int n = curves.get(0).length;
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            double[] col = new double[curves.size()];
            for (int j = 0; j < col.length; j++) {
                col[j] = curves.get(j)[i];
            }
            m[i] = Stats.median(col);
        }
        return m;
    }
}
