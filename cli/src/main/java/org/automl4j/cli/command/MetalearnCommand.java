package org.automl4j.cli.command;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.automl4j.data.Column;
import org.automl4j.data.LabeledTable;
import org.automl4j.data.NumericColumn;
import org.automl4j.data.Table;
import org.automl4j.data.Task;
import org.automl4j.data.io.CsvReader;
import org.automl4j.data.split.Split;
import org.automl4j.data.split.Splits;
import org.automl4j.deep.DeepEngine;
import org.automl4j.metagrad.fewshot.Adaptation;
import org.automl4j.metagrad.fewshot.Algorithm;
import org.automl4j.metagrad.fewshot.ClassificationTasks;
import org.automl4j.metagrad.fewshot.ConvFewShot;
import org.automl4j.metagrad.fewshot.ConvInit;
import org.automl4j.metagrad.fewshot.Curve;
import org.automl4j.metagrad.fewshot.Examples;
import org.automl4j.metagrad.fewshot.FewShotTask;
import org.automl4j.metagrad.fewshot.ImageSet;
import org.automl4j.metagrad.fewshot.MetaInit;
import org.automl4j.metagrad.fewshot.MetaInitFile;
import org.automl4j.metagrad.fewshot.MetaOptions;
import org.automl4j.metagrad.fewshot.MetaTrainer;
import org.automl4j.metagrad.fewshot.SinusoidTasks;
import org.automl4j.metagrad.fewshot.TaskDistribution;
import org.automl4j.metagrad.hypergradient.BilevelTuner;
import org.automl4j.metagrad.hypergradient.HypergradientDescent;
import org.automl4j.metagrad.hypergradient.LabeledData;
import org.automl4j.metagrad.hypergradient.MlpTraining;
import org.automl4j.metagrad.nn.Activation;
import org.automl4j.metagrad.nn.Loss;
import org.automl4j.metagrad.nn.Weights;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code automl4j metalearn ...}: gradient-based meta-learning and hyperparameter gradients. */
@Command(name = "metalearn", mixinStandardHelpOptions = true,
        description = "Gradient-based meta-learning (Reptile, MAML) of a network initialisation that adapts to a new"
                + " task from a few examples, and hypergradient tuning of learning rate and weight decay.",
        subcommands = {MetalearnCommand.Train.class, MetalearnCommand.Adapt.class, MetalearnCommand.Hypergrad.class},
        footer = {"", "Examples:", "  ./automl4j metalearn train --family sinusoid --algorithm maml --out sine.metainit",
                "  ./automl4j metalearn adapt --init sine.metainit --support five-points.csv --query grid.csv",
                "  ./automl4j metalearn hypergrad --data digits --optimizer sgd --lr 0.01"})
public final class MetalearnCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The task families {@code train} knows. */
    enum Family {
        sinusoid, digits
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Meta-trains an MLP initialisation (or, with --body conv, a convolutional body for image tasks) on a"
                    + " family of few-shot tasks and writes it to --out.",
                    "sinusoid: y = A sin(x - phase), A in [0.1, 5], phase in [0, pi], x in [-5, 5] (Finn et al. 2017),"
                            + " K = --shots points per task.",
                    "digits: N-way K-shot classification of the bundled 8x8 digits (or --data, an image CSV); the"
                            + " classes in --test-classes are kept out of meta-training, the others are used with their"
                            + " 4 rotations as extra classes.",
                    "Afterwards the initialisation is adapted to --eval-tasks new tasks (digits: of the test classes)"
                            + " and compared with a random initialisation."},
            footer = {"", "Examples:", "  ./automl4j metalearn train --family sinusoid --out sine.metainit",
                    "  ./automl4j metalearn train --family sinusoid --algorithm maml --iterations 10000 --shots 5 --out s5.metainit",
                    "  ./automl4j metalearn train --family digits --algorithm reptile --ways 5 --shots 5 --out digits.metainit",
                    "  ./automl4j metalearn train --family digits --algorithm fomaml --prototype-head --inner-lr 0.05 --out proto.metainit",
                    "  ./automl4j metalearn train --family digits --body conv --channels 32,32,32 --iterations 5000 --out conv.metainit",
                    "  ./automl4j metalearn train --family digits --data letters.csv --target label --test-classes x,y,z,w,v --out l.metainit"})
    static final class Train implements Callable<Integer> {
        @Option(names = "--family", required = true, description = "sinusoid or digits.")
        Family family;

        @Option(names = "--algorithm", description = "reptile, fomaml or maml (default reptile; --body conv: fomaml, the only"
                + " one it takes).")
        String algorithm;

        @Option(names = "--body", defaultValue = "mlp", description = "digits only: mlp (a multilayer perceptron on the"
                + " pixels) or conv (3x3 convolution, ReLU and 2x2 max pooling per block, trained as first-order Proto-MAML;"
                + " --inner-steps 0, its default, makes it a prototypical network) (default ${DEFAULT-VALUE}).")
        String body;

        @Option(names = "--channels", split = ",", defaultValue = "32,32,32",
                description = "--body conv: channels of each block (default ${DEFAULT-VALUE}).")
        List<Integer> channels;

        @Option(names = "--shift", defaultValue = "0",
                description = "--body conv: augmentation, each training image moved at random by up to this many pixels"
                        + " per axis (default ${DEFAULT-VALUE}: none; 1 lifted 5-way 5-shot on 14x14 MNIST digits from 0.868 to 0.884).")
        int shift;

        @Option(names = "--cosine", defaultValue = "0",
                description = "--body conv: scale every embedding to this length, so prototypes compare directions (cosine"
                        + " prototypes, as in Chen et al. 2021's Meta-Baseline; 10 lifted 5-way 5-shot on unseen 8x8 digits;"
                        + " 1-3 is too flat a softmax to learn from) (default ${DEFAULT-VALUE}: unnormalised).")
        double cosine;

        @Option(names = "--data", description = "digits only: an image CSV instead of the bundled digits (numeric pixel"
                + " columns and a class column).")
        Path data;

        @Option(names = "--target", defaultValue = "target", description = "The class column of --data (default ${DEFAULT-VALUE}).")
        String target;

        @Option(names = "--encoding", description = "The character set of the CSV file of --data (default UTF-8),"
                + " e.g. windows-1252 or ISO-8859-1 for spreadsheet exports that are not UTF-8.")
        String encoding;

        @Option(names = "--test-classes", split = ",", description = "digits only: classes kept for meta-testing"
                + " (default: the later half, 5,6,7,8,9 for the digits).")
        List<String> testClasses = new ArrayList<>();

        @Option(names = "--iterations", description = "Meta-iterations (default 5000 for sinusoid, 3000 for digits).")
        Integer iterations;

        @Option(names = "--meta-batch", description = "Tasks per iteration (default 10).")
        Integer metaBatch;

        @Option(names = "--inner-steps", description = "SGD steps per task while meta-training (default: reptile 10;"
                + " fomaml 1 for sinusoid, 5 for digits; maml 1).")
        Integer innerSteps;

        @Option(names = "--inner-lr", description = "Adaptation learning rate (default 0.01 sinusoid; digits 0.2, maml 0.4).")
        Double innerLr;

        @Option(names = "--meta-lr", description = "Outer step: Reptile's initial epsilon (default 1) or (FO)MAML's Adam rate"
                + " (default 0.001).")
        Double metaLr;

        @Option(names = "--hidden", split = ",", description = "Hidden widths (default 40,40 sinusoid, 64,64 digits).")
        List<Integer> hidden;

        @Option(names = "--shots", description = "K: support examples per task (sinusoid, default 10) or per class (digits, default 5).")
        Integer shots;

        @Option(names = "--ways", defaultValue = "5", description = "N: classes per task (digits; default ${DEFAULT-VALUE}).")
        int ways;

        @Option(names = "--queries", description = "Query examples per task (sinusoid, default 10) or per class (digits, default 5).")
        Integer queries;

        @Option(names = "--prototype-head", description = "digits only: Proto-MAML (Triantafillou et al. 2020): every task's"
                + " output layer starts from its support set's class prototypes in the last hidden layer, and only the body"
                + " is meta-learned; 'metalearn adapt' then does the same.")
        boolean prototypeHead;

        @Option(names = "--eval-tasks", defaultValue = "100", description = "New tasks to evaluate on afterwards (default ${DEFAULT-VALUE}; 0: skip).")
        int evalTasks;

        @Option(names = "--eval-steps", defaultValue = "10", description = "Adaptation steps in the evaluation (default ${DEFAULT-VALUE}).")
        int evalSteps;

        @Option(names = "--seed", defaultValue = "0", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--out", required = true, description = "Where to write the initialisation (.metainit).")
        Path out;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            try {
                return train();
            } catch (OutOfMemoryError e) {
                throw outOfMemory("--hidden, --channels, --shots, --queries, --meta-batch or --eval-tasks");
            }
        }

        private int train() throws IOException {
            FitCommand.checkWritable(out, "--out", "init.metainit"); // before the training, not after it
            notAnInput(out, "--out", "--data", data);
            if (!List.of("mlp", "conv").contains(body)) {
                throw new IllegalArgumentException("--body must be mlp or conv, got '" + body + "'");
            }
            checkOptions();
            if (shift < 0 || (shift > 0 && !body.equals("conv"))) {
                throw new IllegalArgumentException("--shift moves training images of --body conv by whole pixels; it must be"
                        + " >= 0 and needs --body conv, got " + shift + " with --body " + body);
            }
            if (!(cosine >= 0) || Double.isInfinite(cosine) || (cosine > 0 && !body.equals("conv"))) {
                throw new IllegalArgumentException("--cosine scales the embedding of --body conv; it must be a finite number"
                        + " >= 0 and needs --body conv, got " + cosine + " with --body " + body);
            }
            if (body.equals("conv")) {
                return trainConv();
            }
            Algorithm alg = parseAlgorithm(algorithm == null ? "reptile" : algorithm);
            boolean sine = family == Family.sinusoid;
            if (sine && (data != null || !testClasses.isEmpty() || prototypeHead)) {
                throw new IllegalArgumentException("--data, --test-classes and --prototype-head belong to --family digits");
            }
            int iters = iterations != null ? iterations : sine ? 5000 : 3000;
            MetaOptions d = sine ? MetaOptions.sinusoid(alg, iters) : MetaOptions.digits(alg, iters);
            MetaOptions o = new MetaOptions(alg, hidden != null ? hidden : d.hidden(), Activation.RELU, iters,
                    metaBatch != null ? metaBatch : d.metaBatch(), innerSteps != null ? innerSteps : d.innerSteps(),
                    innerLr != null ? innerLr : d.innerLr(), metaLr != null ? metaLr : d.metaLr(), d.zeroHead())
                    .withPrototypeHead(prototypeHead);
            int k = shots != null ? shots : sine ? 10 : 5;
            int q = queries != null ? queries : sine ? 10 : 5;
            TaskDistribution trainTasks;
            TaskDistribution evalFamily;
            double scale = 1;
            Map<String, String> info = new LinkedHashMap<>();
            if (sine) {
                trainTasks = new SinusoidTasks(k, q);
                evalFamily = new SinusoidTasks(k, 100);
            } else {
                ImageSet images = data == null ? ImageSet.digits() : images(data, target, encoding);
                List<List<Integer>> split = splitClasses(images, testClasses);
                List<Integer> trainIdx = split.get(0);
                List<Integer> testIdx = split.get(1);
                List<String> test = testIdx.stream().map(i -> images.classNames().get(i)).toList();
                List<Integer> turns = images.side() > 0 ? List.of(0, 1, 2, 3) : List.of(0);
                trainTasks = tasks("meta-training", images, trainIdx, turns, ways, k, q);
                evalFamily = test.size() >= ways ? tasks("evaluation", images, testIdx, List.of(0), ways, k, 15) : null;
                if (evalFamily == null && evalTasks > 0) {
                    throw new IllegalArgumentException(ways + "-way evaluation needs at least " + ways + " test classes, but"
                            + " --test-classes has " + test.size() + "; give more or --eval-tasks 0");
                }
                scale = images.scale();
                info.put("test_classes", String.join(",", test));
                info.put("classes", String.join(",", images.classNames()));
            }
            PrintStream p = System.out;
            p.printf(Locale.ROOT, "meta-training %s%s on %s: %d iterations x %d tasks, %d inner steps at lr %s, network %s%n",
                    alg.name().toLowerCase(Locale.ROOT), prototypeHead ? " with a prototype head" : "", trainTasks.describe(), iters, o.metaBatch(), o.innerSteps(),
                    o.innerLr(), o.hidden());
            DeepEngine engine = DeepEngine.start();
            int every = Math.max(1, iters / 10);
            double[] window = new double[1];
            long t0 = System.nanoTime();
            MetaInit init = new MetaTrainer(engine).train(trainTasks, o, seed, pr -> {
                window[0] += pr.queryLoss();
                if ((pr.iteration() + 1) % every == 0) {
                    p.printf(Locale.ROOT, "  iteration %d/%d: mean query loss %.4f%n", pr.iteration() + 1, iters,
                            window[0] / every);
                    window[0] = 0;
                }
            });
            init = init.withInputScale(scale).withInfo(info);
            p.printf(Locale.ROOT, "meta-training took %.1f s%n", (System.nanoTime() - t0) / 1e9);
            if (evalTasks > 0 && evalFamily != null) {
                SplittableRandom r = new SplittableRandom(seed + 1_000_003);
                List<FewShotTask> tasks = new ArrayList<>();
                for (int i = 0; i < evalTasks; i++) {
                    tasks.add(evalFamily.sample(r));
                }
                Adaptation a = new Adaptation(engine);
                Curve learned = a.curve(init.weights(), null, init.loss(), tasks, evalSteps, o.innerLr(), 0, prototypeHead);
                Curve random = a.curve(Weights.random(init.weights().spec(), seed + 1), null, init.loss(), tasks, evalSteps,
                        o.innerLr(), 0, prototypeHead);
                if (sine) {
                    p.printf(Locale.ROOT, "%d new tasks, after %d steps at lr %s: MSE %.4f (+- %.4f), random initialisation"
                                    + " %.4f: %.1fx lower%n", evalTasks, evalSteps, o.innerLr(), learned.finalLoss(),
                            learned.finalLossCi95(), random.finalLoss(), random.finalLoss() / learned.finalLoss());
                } else {
                    p.printf(Locale.ROOT, "%d new tasks of the test classes, after %d steps at lr %s: accuracy %.3f (+- %.3f),"
                                    + " random initialisation %.3f%n", evalTasks, evalSteps, o.innerLr(),
                            learned.finalAccuracyMean(), learned.finalAccuracyCi95(), random.finalAccuracyMean());
                }
            }
            MetaInitFile.save(engine, init, out);
            p.println("wrote " + out.toAbsolutePath());
            return 0;
        }

        /**
         * Refuses, before any data is read or network trained, a count or rate out of range and an option the chosen
         * --family or --body does not use, each by its flag.
         */
        private void checkOptions() {
            boolean conv = body.equals("conv");
            atLeast(iterations, conv ? 1 : 0, "--iterations");
            atLeast(metaBatch, 1, "--meta-batch");
            atLeast(innerSteps, conv ? 0 : 1, "--inner-steps");
            atLeast(shots, 1, "--shots");
            atLeast(queries, 1, "--queries");
            atLeast(ways, 2, "--ways");
            atLeast(evalTasks, 0, "--eval-tasks");
            atLeast(evalSteps, 0, "--eval-steps");
            rate(innerLr, "--inner-lr", false); // conv: also the adaptation rate saved in the file, which must be > 0
            rate(metaLr, "--meta-lr", false);
            if (hidden != null) {
                widths(hidden, "--hidden", "64,64");
            }
            widths(channels, "--channels", "32,32,32");
            if (conv && hidden != null) {
                throw new IllegalArgumentException("--hidden sets the widths of --body mlp; a convolutional body takes"
                        + " --channels instead: leave --hidden out or use --body mlp");
            }
            if (!conv && given(spec, "--channels")) {
                throw new IllegalArgumentException("--channels sets the blocks of --body conv; a perceptron takes --hidden"
                        + " instead: leave --channels out or add --body conv");
            }
            if (family == Family.sinusoid && (given(spec, "--ways") || given(spec, "--target"))) {
                throw new IllegalArgumentException("--ways and --target belong to --family digits (a sinusoid task is a"
                        + " regression of y on x); leave them out");
            }
            if (family == Family.digits && data == null && given(spec, "--target")) {
                throw new IllegalArgumentException("--target names the class column of --data, but there is no --data (the"
                        + " bundled digits are used); leave --target out or give --data FILE");
            }
        }

        /** --body conv: first-order Proto-MAML (a prototypical network with no inner steps) on a convolutional body. */
        private int trainConv() throws IOException {
            if (family != Family.digits) {
                throw new IllegalArgumentException("--body conv needs image tasks: use --family digits");
            }
            if (algorithm != null && parseAlgorithm(algorithm) != Algorithm.FOMAML) {
                throw new IllegalArgumentException("--body conv is meta-trained as first-order Proto-MAML only (DJL cannot"
                        + " differentiate the convolution's backward pass); give --algorithm fomaml or leave it out");
            }
            ImageSet images = data == null ? ImageSet.digits() : images(data, target, encoding);
            if (images.side() <= 0) {
                throw new IllegalArgumentException("--body conv needs square images (side x side pixel columns), but "
                        + (data == null ? "the digits" : data) + " has " + images.features() + " features; use --body mlp");
            }
            if (shift >= images.side()) {
                throw new IllegalArgumentException("--shift " + shift + " would move " + images.side() + "x" + images.side()
                        + " images out of their frame; use at most " + (images.side() - 1) + " (1 or 2 is usual)");
            }
            List<List<Integer>> split = splitClasses(images, testClasses);
            int k = shots != null ? shots : 5;
            int q = queries != null ? queries : 5;
            ClassificationTasks trainTasks = tasks("meta-training", images, split.get(0), List.of(0, 1, 2, 3), ways, k, q);
            ClassificationTasks evalFamily = split.get(1).size() >= ways
                    ? tasks("evaluation", images, split.get(1), List.of(0), ways, k, 15) : null;
            if (evalFamily == null && evalTasks > 0) {
                throw new IllegalArgumentException(ways + "-way evaluation needs at least " + ways + " test classes, but"
                        + " --test-classes has " + split.get(1).size() + "; give more or --eval-tasks 0");
            }
            int iters = iterations != null ? iterations : 3000;
            ConvFewShot.MetaSettings o = new ConvFewShot.MetaSettings(iters, metaBatch != null ? metaBatch : 4,
                    innerSteps != null ? innerSteps : 0, innerLr != null ? innerLr : 0.01, metaLr != null ? metaLr : 0.001,
                    shift);
            double adaptLr = innerLr != null ? innerLr : 0.001;
            PrintStream p = System.out;
            p.printf(Locale.ROOT, "meta-training a convolutional body (%s) as %s on %s: %d iterations x %d tasks%n",
                    channels, o.innerSteps() == 0 ? "a prototypical network" : "first-order Proto-MAML with " + o.innerSteps()
                            + " inner steps at lr " + o.innerLr(), trainTasks.describe(), iters, o.metaBatch());
            DeepEngine engine = DeepEngine.start();
            ConvFewShot few = new ConvFewShot(engine);
            long t0 = System.nanoTime();
            org.automl4j.metagrad.nn.ConvWeights w = few.metaTrain(trainTasks, channels, cosine, o, seed);
            p.printf(Locale.ROOT, "meta-training took %.1f s; network %s%n", (System.nanoTime() - t0) / 1e9,
                    w.spec().describe());
            List<String> test = split.get(1).stream().map(i -> images.classNames().get(i)).toList();
            ConvInit init = new ConvInit(w, adaptLr, o.innerSteps(), images.scale(), Map.of(
                    "algorithm", o.innerSteps() == 0 ? "protonet" : "protomaml_fo", "family", trainTasks.describe(),
                    "iterations", Integer.toString(iters), "meta_batch", Integer.toString(o.metaBatch()),
                    "meta_lr", Double.toString(o.metaLr()), "shift", Integer.toString(o.shift()), "seed", Long.toString(seed),
                    "network", w.spec().describe(),
                    "test_classes", String.join(",", test), "classes", String.join(",", images.classNames())));
            if (evalTasks > 0) {
                SplittableRandom r = new SplittableRandom(seed + 1_000_003);
                List<FewShotTask> tasks = new ArrayList<>();
                for (int i = 0; i < evalTasks; i++) {
                    tasks.add(evalFamily.sample(r));
                }
                Curve learned = few.curve(w, tasks, evalSteps, adaptLr, true, true);
                Curve random = few.curve(org.automl4j.metagrad.nn.ConvNet.random(w.spec(), seed + 1, true), tasks, evalSteps,
                        adaptLr, true, true);
                p.printf(Locale.ROOT, "%d new tasks of the test classes, prototype head + %d head steps at lr %s: accuracy"
                                + " %.3f (+- %.3f), random body %.3f%n", evalTasks, evalSteps, adaptLr, learned.finalAccuracyMean(),
                        learned.finalAccuracyCi95(), random.finalAccuracyMean());
            }
            MetaInitFile.save(engine, init, out);
            p.println("wrote " + out.toAbsolutePath());
            return 0;
        }
    }

    /** The image CSV of --data, its problems named with the file. */
    private static ImageSet images(Path data, String target, String encoding) {
        Table t = readCsv(data, "--data", encoding);
        try {
            return ImageSet.fromTable(t, target);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--data " + data + ": " + e.getMessage() + " (name it with --target)", e);
        }
    }

    /** N-way K-shot tasks over {@code classes}; when they cannot be drawn, the message says which options to change. */
    private static ClassificationTasks tasks(String what, ImageSet images, List<Integer> classes, List<Integer> turns,
                                             int ways, int shots, int queries) {
        try {
            return ClassificationTasks.of(images, classes, turns, ways, shots, queries);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " tasks cannot be drawn: " + e.getMessage() + "; lower --ways ("
                    + ways + "), --shots (" + shots + ") or --queries (" + queries + "), or change --test-classes", e);
        }
    }

    /** The classes of {@code images} split into meta-training and test classes by --test-classes. */
    private static List<List<Integer>> splitClasses(ImageSet images, List<String> testClasses) {
        List<String> test = testClasses.isEmpty()
                ? images.classNames().subList(images.classCount() / 2, images.classCount()) : testClasses;
        List<Integer> testIdx = new ArrayList<>();
        for (String c : test) {
            int i = images.classIndex(c);
            if (testIdx.contains(i)) {
                throw new IllegalArgumentException("--test-classes names class '" + c + "' twice; name each class once");
            }
            testIdx.add(i);
        }
        List<Integer> trainIdx = new ArrayList<>();
        for (int c = 0; c < images.classCount(); c++) {
            if (!testIdx.contains(c)) {
                trainIdx.add(c);
            }
        }
        if (trainIdx.isEmpty()) {
            throw new IllegalArgumentException("--test-classes " + String.join(",", test) + " holds every class, so none is"
                    + " left for meta-training; name only the classes to keep out (the classes are " + images.classNames()
                    + ")");
        }
        return List.of(trainIdx, testIdx);
    }

    /**
     * The error for a run that exhausted the Java heap (sizes the user chose, so no stack trace): what to make smaller
     * ({@code smaller}) or how to give Java more memory.
     */
    static IllegalArgumentException outOfMemory(String smaller) {
        return new IllegalArgumentException("ran out of Java heap memory (at most " + Runtime.getRuntime().maxMemory()
                / (1 << 20) + " MB); make the problem smaller (" + smaller + ") or give Java more memory, e.g."
                + " AUTOML4J_JAVA_OPTS=-Xmx8g ./automl4j metalearn ...");
    }

    /** Refuses an output path ({@code outFlag}) that is the input given as {@code inFlag}, which writing would replace. */
    static void notAnInput(Path output, String outFlag, String inFlag, Path input) {
        if (output == null || input == null) {
            return;
        }
        boolean same = output.toAbsolutePath().normalize().equals(input.toAbsolutePath().normalize());
        try {
            same = same || (Files.exists(output) && Files.exists(input) && Files.isSameFile(output, input));
        } catch (IOException e) {
            // cannot tell: the paths differ as written, so let the write go ahead
        }
        if (same) {
            throw new IllegalArgumentException(outFlag + " " + output + " is the file given as " + inFlag + "; writing it"
                    + " would replace that input: choose another file for " + outFlag);
        }
    }

    /** Whether {@code option} was given on the command line (not just its default). */
    static boolean given(picocli.CommandLine.Model.CommandSpec spec, String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** Refuses {@code value} (null: not given) below {@code min}, naming {@code flag}. */
    static void atLeast(Integer value, int min, String flag) {
        if (value != null && value < min) {
            throw new IllegalArgumentException(flag + " must be at least " + min + ", got " + value);
        }
    }

    /** Refuses a learning rate (null: not given) that is not a finite number > 0 (or >= 0 with {@code zeroOk}). */
    static void rate(Double value, String flag, boolean zeroOk) {
        if (value != null && (!(value > 0 || (zeroOk && value == 0)) || Double.isInfinite(value))) {
            throw new IllegalArgumentException(flag + " must be a finite number " + (zeroOk ? ">= 0" : "> 0") + ", got "
                    + value + "; e.g. " + flag + " 0.01");
        }
    }

    /** Refuses layer widths below 1, naming {@code flag} and giving {@code example}. */
    static void widths(List<Integer> widths, String flag, String example) {
        for (int w : widths) {
            if (w < 1) {
                throw new IllegalArgumentException(flag + " " + widths.stream().map(String::valueOf).toList() + ": every"
                        + " width must be at least 1, got " + w + "; e.g. " + flag + " " + example);
            }
        }
    }

    /**
     * Writes {@code file} through a temporary file in its folder (created when missing) and an atomic move, so an error
     * while writing leaves no half-written file and an earlier file stays as it was.
     */
    static void writeAtomically(Path file, WriterBody body) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        // a new file (not Files.createTempFile, whose owner-only permissions the move would carry to the result)
        Path tmp = parent.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + "-" + System.nanoTime()
                + ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE)) {
                body.write(w);
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** What {@link #writeAtomically} writes. */
    @FunctionalInterface
    interface WriterBody {
        void write(Writer w) throws IOException;
    }

    static Algorithm parseAlgorithm(String s) {
        try {
            return Algorithm.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--algorithm must be reptile, fomaml or maml, got '" + s + "'", e);
        }
    }

    /** Reads the CSV file given as {@code flag} in the character set named by {@code encoding} (null: UTF-8). */
    static Table readCsv(Path f, String flag, String encoding) {
        checkCsv(f, flag);
        return new CsvReader(org.automl4j.data.io.CsvOptions.builder().encoding(FitCommand.charset(encoding)).build()).read(f);
    }

    /** Refuses a CSV path ({@code flag}'s value) that is a folder or no file. */
    static void checkCsv(Path f, String flag) {
        if (Files.isDirectory(f)) {
            throw new IllegalArgumentException(flag + " " + f + " is a folder; give the CSV file in it");
        }
        if (!Files.isRegularFile(f)) {
            throw new IllegalArgumentException(flag + " " + f + ": no such CSV file (" + f.toAbsolutePath() + ")");
        }
    }

    /** The numeric feature matrix of {@code t} without column {@code target}, multiplied by {@code scale}. */
    static float[][] features(Table t, String target, int expected, double scale, Path source) {
        List<Column> cols = new ArrayList<>();
        for (Column c : t.columns()) {
            if (!c.name().equals(target)) {
                cols.add(c);
            }
        }
        if (cols.size() != expected) {
            throw new IllegalArgumentException(source + " has " + cols.size() + " feature columns " + names(cols) + " besides '"
                    + target + "', but the initialisation takes " + expected + " inputs; give the " + expected + " feature"
                    + " columns of meta-training, in their order, and name the label column with --target");
        }
        float[][] x = new float[t.rowCount()][expected];
        for (int j = 0; j < expected; j++) {
            if (!(cols.get(j) instanceof NumericColumn n)) {
                throw new IllegalArgumentException(source + ": column '" + cols.get(j).name() + "' is not numeric (it holds"
                        + " text); the feature columns must hold numbers only: fix its values, or name the label column"
                        + " with --target if this is it");
            }
            for (int i = 0; i < t.rowCount(); i++) {
                double v = n.get(i);
                if (Double.isNaN(v)) {
                    throw new IllegalArgumentException(source + ": column '" + n.name() + "' has a missing value in data row "
                            + (i + 1));
                }
                x[i][j] = (float) (v * scale);
                if (Float.isInfinite(x[i][j])) {
                    throw new IllegalArgumentException(source + ": column '" + n.name() + "' holds " + v + " in data row "
                            + (i + 1) + ", beyond the network's 32-bit floats (about 3.4e38" + (scale == 1 ? "" : " after"
                            + " scaling by " + scale) + "); rescale the column");
                }
            }
        }
        return x;
    }

    private static List<String> names(List<Column> cols) {
        return cols.stream().map(Column::name).toList();
    }

    @Command(name = "adapt", mixinStandardHelpOptions = true,
            description = {"Adapts a meta-learned initialisation to a new task from a CSV of a few labelled examples"
                    + " (--support: the feature columns in the order of meta-training, and --target), with --steps SGD"
                    + " steps, then predicts --query (a CSV with the same feature columns; its --target column, when"
                    + " present, is used to report the error or accuracy).",
                    "Classification: the support set's labels become the classes (at most the initialisation's N);"
                            + " predictions are among them."},
            footer = {"", "Examples:", "  ./automl4j metalearn adapt --init sine.metainit --support five-points.csv --query grid.csv",
                    "  ./automl4j metalearn adapt --init digits.metainit --support shots.csv --query new.csv --steps 20 --out predictions.csv",
                    "  ./automl4j metalearn adapt --init proto.metainit --support shots.csv --query new.csv --steps 0"})
    static final class Adapt implements Callable<Integer> {
        @Option(names = "--init", required = true, description = "The initialisation written by 'metalearn train'.")
        Path init;

        @Option(names = "--support", required = true, description = "CSV of the few labelled examples.")
        Path support;

        @Option(names = "--query", description = "CSV of the rows to predict.")
        Path query;

        @Option(names = "--target", defaultValue = "target", description = "The label column (default ${DEFAULT-VALUE}).")
        String target;

        @Option(names = "--encoding", description = "The character set of the CSV files (--support and --query) (default UTF-8),"
                + " e.g. windows-1252 or ISO-8859-1 for spreadsheet exports that are not UTF-8.")
        String encoding;

        @Option(names = "--steps", description = "SGD steps (default: 10).")
        Integer steps;

        @Option(names = "--lr", description = "Learning rate (default: the one of meta-training).")
        Double lr;

        @Option(names = "--prototype-head", negatable = true, description = "Classification: start the output layer from"
                + " the support set's class prototypes in the last hidden layer (Proto-MAML; with --steps 0 that is"
                + " nearest-prototype classification). Default: as the initialisation was meta-trained.")
        Boolean prototypeHead;

        @Option(names = "--out", description = "Write the query predictions here (default: standard output).")
        Path out;

        @Option(names = "--fine-tune", defaultValue = "head", description = "Convolutional bodies: adapt the output layer"
                + " only (head) or every layer (all) (default ${DEFAULT-VALUE}).")
        String fineTune;

        /** A convolutional body: prototype head, then SGD steps on the head (or every layer). */
        private int adaptConv(DeepEngine engine) throws IOException {
            ConvInit m = MetaInitFile.loadConv(engine, init);
            if (prototypeHead != null && !prototypeHead) {
                throw new IllegalArgumentException(init + " is a convolutional body meta-trained for a prototype head;"
                        + " leave --no-prototype-head out");
            }
            LabeledTable lt = supportTable(readCsv(support, "--support", encoding), true);
            supportColumns = lt.features().names();
            float[][] sx = features(lt.features(), target, m.inputs(), m.inputScale(), support);
            List<String> classes = lt.classes();
            if (classes.size() > m.ways()) {
                throw new IllegalArgumentException(support + " has " + classes.size() + " classes " + classes + ", but the"
                        + " body was meta-trained on " + m.ways() + "-way tasks; give at most " + m.ways() + " classes");
            }
            float[] sy = new float[lt.rows()];
            int[] labels = lt.labels();
            for (int i = 0; i < sy.length; i++) {
                sy[i] = labels[i];
            }
            int k = steps != null ? steps : 10;
            double rate = lr != null ? lr : m.adaptLr();
            ConvFewShot few = new ConvFewShot(engine);
            Examples ex = new Examples(sx, sy);
            org.automl4j.metagrad.nn.ConvWeights start = few.adapt(m.weights(), ex, 0, rate, true);
            org.automl4j.metagrad.nn.ConvWeights adapted = few.adapt(m.weights(), ex, k, rate, fineTune.equals("head"));
            System.err.printf(Locale.ROOT, "adapted on %d examples from a prototype head with %d %s steps at lr %s: support"
                            + " accuracy %.4f -> %.4f%n", sy.length, k, fineTune.equals("head") ? "head" : "all-layer", rate,
                    accuracy(few.predict(start, sx), sy), accuracy(few.predict(adapted, sx), sy));
            if (query == null) {
                return 0;
            }
            return writePredictions(m.inputs(), m.inputScale(), true, classes, x -> few.predict(adapted, x));
        }

        private static double accuracy(float[][] p, float[] y) {
            int correct = 0;
            for (int i = 0; i < p.length; i++) {
                int best = 0;
                for (int c = 1; c < p[i].length; c++) {
                    best = p[i][c] > p[i][best] ? c : best;
                }
                correct += best == (int) y[i] ? 1 : 0;
            }
            return (double) correct / p.length;
        }

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        /** The feature columns of --support, which --query must have too. */
        private List<String> supportColumns;

        /**
         * The labelled rows of --support: classification needs two classes (the task to adapt to), regression any
         * number of rows with a numeric target (one point, or a constant target, is a valid few-shot task). Rows without a
         * target value are left out, with a note.
         */
        private LabeledTable supportTable(Table st, boolean cls) {
            LabeledTable lt;
            try {
                if (cls) {
                    lt = LabeledTable.of(st, target, countDistinct(st, target) == 2 ? Task.BINARY : Task.MULTICLASS);
                } else {
                    Column y = st.find(target).orElse(null);
                    if (y instanceof NumericColumn && y.missingCount() < y.size()) {
                        int[] keep = java.util.stream.IntStream.range(0, y.size()).filter(i -> !y.isMissing(i)).toArray();
                        lt = new LabeledTable(st.dropColumns(java.util.Set.of(target)).selectRows(keep), y.select(keep),
                                Task.REGRESSION, List.of(), y.size() - keep.length);
                    } else if (y != null && !(y instanceof NumericColumn)) {
                        String word = java.util.stream.IntStream.range(0, y.size()).filter(i -> !y.isMissing(i))
                                .mapToObj(i -> text(y, i)).findFirst().orElse("");
                        throw new IllegalArgumentException("column '" + target + "' holds text such as '" + word + "', but "
                                + init + " is a regression initialisation that predicts numbers; give numeric targets, or"
                                + " adapt a classification initialisation (metalearn train --family digits)");
                    } else {
                        lt = LabeledTable.of(st, target, Task.REGRESSION); // says what is wrong with the column
                    }
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--support " + support + ": " + e.getMessage(), e);
            }
            if (lt.droppedRows() > 0) {
                System.err.printf(Locale.ROOT, "note: left out %d row(s) of %s without a '%s' value%n", lt.droppedRows(),
                        support, target);
            }
            return lt;
        }

        @Override
        public Integer call() throws IOException {
            try {
                return adapt();
            } catch (OutOfMemoryError e) {
                throw outOfMemory("fewer rows in --support or --query");
            }
        }

        private int adapt() throws IOException {
            FitCommand.checkWritable(out, "--out", "predictions.csv");
            notAnInput(out, "--out", "--init", init);
            notAnInput(out, "--out", "--support", support);
            notAnInput(out, "--out", "--query", query);
            if (!List.of("head", "all").contains(fineTune)) {
                throw new IllegalArgumentException("--fine-tune must be head or all, got '" + fineTune + "'");
            }
            if (out != null && query == null) {
                throw new IllegalArgumentException("--out " + out + " is where the predictions of --query go, but there is"
                        + " no --query; give --query FILE too, or leave --out out to adapt only");
            }
            atLeast(steps, 0, "--steps");
            rate(lr, "--lr", false);
            boolean conv = MetaInitFile.isConv(init); // the initialisation's problems first, then the CSVs'
            checkCsv(support, "--support");
            if (query != null) {
                checkCsv(query, "--query");
            }
            DeepEngine engine = DeepEngine.start();
            if (conv) {
                return adaptConv(engine);
            }
            if (given(spec, "--fine-tune")) {
                throw new IllegalArgumentException("--fine-tune chooses the layers of a convolutional body, but " + init
                        + " is a perceptron, whose steps adapt every layer; leave --fine-tune out");
            }
            MetaInit m = MetaInitFile.load(engine, init);
            int inputs = m.weights().spec().inputs();
            boolean cls = m.loss().classification();
            LabeledTable lt = supportTable(readCsv(support, "--support", encoding), cls);
            supportColumns = lt.features().names();
            float[][] sx = features(lt.features(), target, inputs, m.inputScale(), support);
            float[] sy = new float[lt.rows()];
            List<String> classes = cls ? lt.classes() : List.of();
            int n = m.weights().spec().outputs();
            if (cls && classes.size() > n) {
                throw new IllegalArgumentException(support + " has " + classes.size() + " classes " + classes + ", but the"
                        + " initialisation adapts to at most " + n + " (it was meta-trained " + n + "-way)");
            }
            int[] labels = cls ? lt.labels() : null;
            double[] y = cls ? null : lt.y();
            for (int i = 0; i < sy.length; i++) {
                sy[i] = cls ? labels[i] : (float) y[i];
            }
            int k = steps != null ? steps : 10;
            double rate = lr != null ? lr : m.innerLr();
            Adaptation a = new Adaptation(engine);
            Examples ex = new Examples(sx, sy);
            boolean proto = prototypeHead != null ? prototypeHead : m.prototypeHead();
            if (proto && !cls) {
                throw new IllegalArgumentException("--prototype-head needs a classification initialisation, but " + init
                        + " is a regression one; leave the option out");
            }
            Weights start = proto ? a.adapt(m.weights(), m.loss(), ex, 0, rate, true) : m.weights();
            Weights adapted = a.adapt(start, m.loss(), ex, k, rate);
            PrintStream err = System.err;
            err.printf(Locale.ROOT, "adapted on %d examples with %d steps at lr %s%s: support %s %.4f -> %.4f%n", sy.length,
                    k, rate, proto ? " from a prototype head" : "", cls ? "accuracy" : "MSE",
                    score(a, start, m.loss(), ex, classes.size()),
                    score(a, adapted, m.loss(), ex, classes.size()));
            if (query == null) {
                return 0;
            }
            return writePredictions(inputs, m.inputScale(), cls, classes, x -> a.predict(adapted, m.loss(), x));
        }

        /** Reads --query, predicts it and writes the predictions (and, with a target column, the query score). */
        private int writePredictions(int inputs, double scale, boolean cls, List<String> classes,
                                     java.util.function.UnaryOperator<float[][]> predictor) throws IOException {
            PrintStream err = System.err;
            Table qt = readCsv(query, "--query", encoding);
            boolean hasTarget = qt.find(target).isPresent();
            List<String> queryColumns = new ArrayList<>(qt.names());
            queryColumns.remove(target);
            if (!queryColumns.equals(supportColumns)) {
                throw new IllegalArgumentException("--query " + query + " has the feature columns " + queryColumns
                        + " but --support " + support + " has " + supportColumns + "; give both the same columns in the"
                        + " same order");
            }
            float[][] qx = features(qt, target, inputs, scale, query);
            Column truth = hasTarget ? qt.column(target) : null;
            double[] trueValues = hasTarget && !cls ? queryTargets(truth) : null;
            if (hasTarget && cls) {
                java.util.Set<String> unseen = new java.util.TreeSet<>();
                for (int i = 0; i < qt.rowCount(); i++) {
                    if (truth.isMissing(i)) {
                        throw new IllegalArgumentException("--query " + query + ": column '" + target + "' has no value in"
                                + " data row " + (i + 1) + "; fill it in, or drop the column to predict without scoring");
                    }
                    if (!classes.contains(text(truth, i))) {
                        unseen.add(text(truth, i));
                    }
                }
                if (!unseen.isEmpty()) {
                    err.println("note: --query labels " + unseen + " are not among the support's classes " + classes
                            + "; their rows count as wrong");
                }
            }
            float[][] pred = predictor.apply(qx);
            List<String> header = new ArrayList<>();
            header.add("prediction");
            if (cls) {
                classes.forEach(c -> header.add("p_" + c));
            }
            double[] sq = new double[1];
            int[] correct = new int[1];
            WriterBody body = w -> {
                CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get());
                for (int i = 0; i < pred.length; i++) {
                    List<Object> row = new ArrayList<>();
                    if (cls) {
                        double sum = 0;
                        int best = 0;
                        for (int c = 0; c < classes.size(); c++) {
                            sum += pred[i][c];
                            best = pred[i][c] > pred[i][best] ? c : best;
                        }
                        row.add(classes.get(best));
                        for (int c = 0; c < classes.size(); c++) {
                            row.add(String.format(Locale.ROOT, "%.6g", pred[i][c] / sum));
                        }
                        correct[0] += hasTarget && classes.get(best).equals(text(truth, i)) ? 1 : 0;
                    } else {
                        row.add(String.format(Locale.ROOT, "%.6g", pred[i][0]));
                        if (hasTarget) {
                            double d = pred[i][0] - trueValues[i];
                            sq[0] += d * d;
                        }
                    }
                    csv.printRecord(row);
                }
                csv.flush();
            };
            if (out == null) {
                body.write(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8));
            } else {
                writeAtomically(out, body);
            }
            if (hasTarget) {
                err.printf(Locale.ROOT, "query (%d rows): %s %.4f%n", pred.length, cls ? "accuracy" : "MSE",
                        cls ? (double) correct[0] / pred.length : sq[0] / pred.length);
            }
            if (out != null) {
                err.println("wrote " + pred.length + " predictions to " + out.toAbsolutePath());
            }
            return 0;
        }

        /** The numeric values of the query's target column, refusing text and missing values with their row. */
        private double[] queryTargets(Column truth) {
            double[] v = new double[truth.size()];
            for (int i = 0; i < v.length; i++) {
                if (truth.isMissing(i)) {
                    throw new IllegalArgumentException("--query " + query + ": column '" + target + "' has no value in data"
                            + " row " + (i + 1) + "; fill it in, or drop the column to predict without scoring");
                }
                if (truth instanceof NumericColumn n) {
                    v[i] = n.get(i);
                } else {
                    try {
                        v[i] = Double.parseDouble(text(truth, i));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--query " + query + ": column '" + target + "' holds '"
                                + text(truth, i) + "' in data row " + (i + 1) + ", but the initialisation predicts numbers;"
                                + " fix the value, or drop the column to predict without scoring", e);
                    }
                }
            }
            return v;
        }

        /** The number of distinct present values of column {@code target} (0 when there is no such column). */
        private static int countDistinct(Table t, String target) {
            Column c = t.find(target).orElse(null);
            java.util.Set<String> s = new java.util.HashSet<>();
            for (int i = 0; c != null && i < t.rowCount(); i++) {
                if (!c.isMissing(i)) {
                    s.add(text(c, i));
                }
            }
            return s.size();
        }

        private static double score(Adaptation a, Weights w, Loss loss, Examples ex, int classes) {
            float[][] p = a.predict(w, loss, ex.x());
            double s = 0;
            for (int i = 0; i < p.length; i++) {
                if (loss.classification()) {
                    int best = 0;
                    for (int c = 0; c < classes; c++) {
                        best = p[i][c] > p[i][best] ? c : best;
                    }
                    s += best == (int) ex.y()[i] ? 1 : 0;
                } else {
                    s += (p[i][0] - ex.y()[i]) * (p[i][0] - ex.y()[i]);
                }
            }
            return s / p.length;
        }
    }

    static String text(Column c, int row) {
        return c.text(row);
    }

    @Command(name = "hypergrad", mixinStandardHelpOptions = true,
            description = {"Trains an MLP classifier on --data (digits: the bundled 8x8 digits; or a CSV with numeric"
                    + " features and --target) split 60/20/20 (stratified) while hypergradient descent adapts the"
                    + " learning rate (Baydin et al. 2018), or, with --bilevel, while weight decay (and with --tune-lr"
                    + " the learning rate) follows the validation loss through --unroll training steps (Luketina et"
                    + " al. 2016).",
                    "Prints the validation accuracy and learning rate per epoch and the test accuracy."},
            footer = {"", "Examples:", "  ./automl4j metalearn hypergrad --data digits --optimizer sgd --lr 0.01",
                    "  ./automl4j metalearn hypergrad --data digits --optimizer adam --lr 0.03 --hyper-lr 0.02 --epochs 30",
                    "  ./automl4j metalearn hypergrad --data digits --optimizer sgd --lr 10 --probe 20   # far too large: probed down",
                    "  ./automl4j metalearn hypergrad --data my.csv --target label --bilevel --weight-decay 0.1 --unroll 3",
                    "  ./automl4j metalearn hypergrad --data digits --lr 0.1 --hyper-lr 0 --trace lr.csv   # a fixed rate"})
    static final class Hypergrad implements Callable<Integer> {
        @Option(names = "--data", defaultValue = "digits", description = "digits or a CSV file (default ${DEFAULT-VALUE}).")
        String data;

        @Option(names = "--target", defaultValue = "target", description = "The class column of a CSV (default ${DEFAULT-VALUE}).")
        String target;

        @Option(names = "--encoding", description = "The character set of the CSV file of --data (default UTF-8),"
                + " e.g. windows-1252 or ISO-8859-1 for spreadsheet exports that are not UTF-8.")
        String encoding;

        @Option(names = "--optimizer", defaultValue = "sgd", description = "sgd or adam (default ${DEFAULT-VALUE}).")
        String optimizer;

        @Option(names = "--lr", defaultValue = "0.01", description = "Initial learning rate (default ${DEFAULT-VALUE}).")
        double lr;

        @Option(names = "--hyper-lr", defaultValue = "0.02", description = "Hypergradient step beta (default ${DEFAULT-VALUE};"
                + " 0 keeps the rate fixed; with --bilevel: Adam's step on log weight decay).")
        double hyperLr;

        @Option(names = "--probe", defaultValue = "20", description = "Probe warm-up: hypergradient steps taken with the"
                + " weights held at their start before training, so a far too large --lr is brought down before it can"
                + " ruin the network (default ${DEFAULT-VALUE}; 0: off; unused with --hyper-lr 0).")
        int probe;

        @Option(names = "--rule", defaultValue = "multiplicative", description = "multiplicative or additive (default ${DEFAULT-VALUE}).")
        String rule;

        @Option(names = "--epochs", defaultValue = "20", description = "Epochs (default ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--batch", defaultValue = "32", description = "Batch size (default ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--hidden", split = ",", defaultValue = "64", description = "Hidden widths (default ${DEFAULT-VALUE}).")
        List<Integer> hidden;

        @Option(names = "--bilevel", description = "Tune weight decay by the validation loss instead (SGD).")
        boolean bilevel;

        @Option(names = "--weight-decay", defaultValue = "0.001", description = "--bilevel: initial weight decay (default ${DEFAULT-VALUE}).")
        double weightDecay;

        @Option(names = "--unroll", defaultValue = "1", description = "--bilevel: training steps per hyper-step (default ${DEFAULT-VALUE}).")
        int unroll;

        @Option(names = "--tune-lr", description = "--bilevel: tune the learning rate by the validation loss too.")
        boolean tuneLr;

        @Option(names = "--seed", defaultValue = "0", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--trace", description = "Write the learning rate of every step (or weight decay of every hyper-step) as CSV.")
        Path trace;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        /** Refuses, before the data is read, a value out of range and an option the chosen mode does not use. */
        private void checkOptions() {
            FitCommand.checkWritable(trace, "--trace", "trace.csv");
            notAnInput(trace, "--trace", "--data", data.equals("digits") ? null : Path.of(data));
            atLeast(epochs, 1, "--epochs");
            atLeast(batch, 1, "--batch");
            atLeast(probe, 0, "--probe");
            atLeast(unroll, 1, "--unroll");
            rate(lr, "--lr", false);
            rate(hyperLr, "--hyper-lr", true);
            rate(weightDecay, "--weight-decay", false);
            widths(hidden, "--hidden", "64");
            if (data.equals("digits") && given(spec, "--target")) {
                throw new IllegalArgumentException("--target names the class column of a CSV --data, but --data is the"
                        + " bundled digits; leave --target out or give --data FILE");
            }
            List<String> bilevelOnly = List.of("--weight-decay", "--unroll", "--tune-lr");
            List<String> onlineOnly = List.of("--optimizer", "--rule", "--probe");
            for (String o : bilevel ? onlineOnly : bilevelOnly) {
                if (given(spec, o)) {
                    throw new IllegalArgumentException(o + (bilevel ? " belongs to hypergradient descent, which --bilevel"
                            + " replaces (SGD whose weight decay follows the validation loss)" : " belongs to --bilevel")
                            + "; leave " + o + " out" + (bilevel ? " or drop --bilevel" : " or add --bilevel"));
                }
            }
        }

        @Override
        public Integer call() throws IOException {
            try {
                return hypergrad();
            } catch (OutOfMemoryError e) {
                throw outOfMemory("--hidden, --batch or fewer rows in --data");
            }
        }

        private int hypergrad() throws IOException {
            checkOptions();
            ImageSet set = data.equals("digits") ? ImageSet.digits() : images(Path.of(data), target, encoding);
            LabeledData all = new LabeledData(set.pixels(), set.labels(), set.classCount());
            int[] perClass = new int[set.classCount()];
            for (int y : set.labels()) {
                perClass[y]++;
            }
            for (int c = 0; c < perClass.length; c++) {
                if (perClass[c] < 3) {
                    throw new IllegalArgumentException("--data " + data + ": class '" + set.classNames().get(c) + "' has "
                            + perClass[c] + " row(s), but the stratified 60/20/20 split needs at least 3 of every class"
                            + " (training, validation and test); add rows of it or leave the class out");
                }
            }
            Split outer = Splits.stratifiedHoldout(all.y(), set.classNames(), 0.2, seed);
            LabeledData rest = all.rows(outer.train());
            Split inner = Splits.stratifiedHoldout(rest.y(), set.classNames(), 0.25, seed + 1);
            LabeledData train = rest.rows(inner.train());
            LabeledData val = rest.rows(inner.test());
            LabeledData test = all.rows(outer.test());
            if (batch > train.size()) {
                throw new IllegalArgumentException("--batch " + batch + " is larger than the " + train.size() + " training"
                        + " rows (60% of " + data + "), so not one step fits in an epoch; use --batch " + train.size()
                        + " or less");
            }
            DeepEngine engine = DeepEngine.start();
            PrintStream p = System.out;
            p.printf(Locale.ROOT, "%s: %d training, %d validation, %d test rows, %d classes; MLP %d-%s-%d%n", data, train.size(),
                    val.size(), test.size(), set.classCount(), set.features(), hidden, set.classCount());
            if (bilevel) {
                BilevelTuner.Options o = new BilevelTuner.Options(hidden, Activation.RELU, epochs, batch, lr, weightDecay, hyperLr,
                        unroll, tuneLr, Math.min(256, val.size()), seed);
                BilevelTuner.Result r = new BilevelTuner(engine).fit(train, val, o);
                double acc = accuracy(engine, r.weights(), test);
                p.printf(Locale.ROOT, "weight decay %.3g -> %.3g, learning rate %.3g -> %.3g over %d hyper-steps; validation"
                                + " loss %.4f -> %.4f; test accuracy %.4f%n", weightDecay, r.weightDecay(), lr, r.learningRate(),
                        r.weightDecayTrace().length, first(r.validationLoss()), last(r.validationLoss()), acc);
                if (trace != null) {
                    writeTrace(trace, "hyper_step,weight_decay,learning_rate,validation_loss", r.weightDecayTrace(),
                            r.learningRateTrace(), r.validationLoss());
                }
                return 0;
            }
            HypergradientDescent.Rule ru = switch (rule.toLowerCase(Locale.ROOT)) {
                case "multiplicative" -> HypergradientDescent.Rule.MULTIPLICATIVE;
                case "additive" -> HypergradientDescent.Rule.ADDITIVE;
                default -> throw new IllegalArgumentException("--rule must be multiplicative or additive, got '" + rule + "'");
            };
            HypergradientDescent.Options o = switch (optimizer.toLowerCase(Locale.ROOT)) {
                case "sgd" -> HypergradientDescent.Options.sgd(lr, hyperLr);
                case "adam" -> HypergradientDescent.Options.adam(lr, hyperLr);
                default -> throw new IllegalArgumentException("--optimizer must be sgd or adam, got '" + optimizer + "'");
            };
            o = o.withRule(ru, hyperLr).withProbe(hyperLr > 0 ? probe : 0);
            MlpTraining.Settings s = new MlpTraining.Settings(hidden, epochs, batch, seed);
            int stepsPerEpoch = train.size() / batch;
            List<Double> lrAtEpoch = new ArrayList<>();
            MlpTraining.Result r = new MlpTraining(engine).train(train, val, test, s, o, (e, acc) ->
                    p.printf(Locale.ROOT, "  epoch %d: validation accuracy %.4f%n", e + 1, acc));
            for (int e = 0; e < epochs && (e + 1) * stepsPerEpoch <= r.learningRates().length; e++) {
                lrAtEpoch.add(r.learningRates()[(e + 1) * stepsPerEpoch - 1]);
            }
            p.printf(Locale.ROOT, "learning rate %.4g -> %.4g (per epoch: %s)%n", lr, r.finalLearningRate(),
                    lrAtEpoch.stream().map(v -> String.format(Locale.ROOT, "%.3g", v)).toList());
            p.printf(Locale.ROOT, "%svalidation accuracy %.4f, test accuracy %.4f%n", r.diverged() ? "DIVERGED; " : "",
                    r.finalValidationAccuracy(), r.testAccuracy());
            if (trace != null) {
                double[] steps = new double[r.learningRates().length];
                Arrays.setAll(steps, i -> i + 1);
                writeTrace(trace, "step,learning_rate", r.learningRates());
            }
            return 0;
        }

        private static double first(double[] a) {
            return a.length == 0 ? Double.NaN : a[0];
        }

        private static double last(double[] a) {
            return a.length == 0 ? Double.NaN : a[a.length - 1];
        }

        private static double accuracy(DeepEngine engine, Weights w, LabeledData d) {
            float[][] p = new Adaptation(engine).predict(w, Loss.SOFTMAX_CROSS_ENTROPY, d.x());
            int ok = 0;
            for (int i = 0; i < p.length; i++) {
                int best = 0;
                for (int c = 1; c < p[i].length; c++) {
                    best = p[i][c] > p[i][best] ? c : best;
                }
                ok += best == d.y()[i] ? 1 : 0;
            }
            return (double) ok / p.length;
        }

        private static void writeTrace(Path f, String header, double[]... columns) throws IOException {
            writeAtomically(f, w -> {
                w.write(header + "\n");
                for (int i = 0; i < columns[0].length; i++) {
                    StringBuilder b = new StringBuilder().append(i + 1);
                    for (double[] c : columns) {
                        b.append(',').append(String.format(Locale.ROOT, "%.6g", c[i]));
                    }
                    w.write(b.append('\n').toString());
                }
            });
            System.err.println("wrote " + f.toAbsolutePath());
        }
    }
}
