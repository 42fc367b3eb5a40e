package org.automl4j.cli.command;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.automl4j.budget.Budget;
import org.automl4j.data.Column;
import org.automl4j.data.LabeledTable;
import org.automl4j.data.Table;
import org.automl4j.data.images.ImageSet;
import org.automl4j.data.split.Split;
import org.automl4j.data.split.Splits;
import org.automl4j.deep.DeepEngine;
import org.automl4j.nas.evaluator.BatchNormNet;
import org.automl4j.nas.evaluator.CellNetworkSpec;
import org.automl4j.nas.evaluator.ChainNetworks;
import org.automl4j.nas.evaluator.EpochCallback;
import org.automl4j.nas.evaluator.NetworkTrainer;
import org.automl4j.nas.evaluator.Samples;
import org.automl4j.nas.evaluator.TableEncoder;
import org.automl4j.nas.evaluator.TrainedNetwork;
import org.automl4j.nas.evaluator.TrainingCellEvaluator;
import org.automl4j.nas.evaluator.TrainingChainEvaluator;
import org.automl4j.nas.evaluator.TrainingConfig;
import org.automl4j.nas.evaluator.TrainingDivergedException;
import org.automl4j.nas.space.Cell;
import org.automl4j.nas.space.CellSpace;
import org.automl4j.nas.space.ChainArchitecture;
import org.automl4j.nas.space.ChainSpace;
import org.automl4j.nas.evaluator.ConvChain;
import org.automl4j.nas.evaluator.Darts;
import org.automl4j.nas.evaluator.MorphismSearch;
import org.automl4j.nas.evaluator.OneShotTrials;
import org.automl4j.nas.evaluator.Supernet;
import org.automl4j.nas.strategy.CellEvaluator;
import org.automl4j.nas.strategy.CellStrategy;
import org.automl4j.nas.strategy.PolicySearch;
import org.automl4j.nas.strategy.ProgressiveSearch;
import org.automl4j.nas.strategy.RandomSearch;
import org.automl4j.nas.strategy.RegularizedEvolution;
import org.automl4j.nas.strategy.ReinforceController;
import org.automl4j.nas.strategy.SamplerSearch;
import org.automl4j.nas.strategy.SearchStoppedException;
import org.automl4j.nas.strategy.StudyCellEvaluator;
import org.automl4j.nas.strategy.TrialCellEvaluator;
import org.automl4j.pruner.Pruner;
import org.automl4j.pruner.Pruners;
import org.automl4j.sampler.Sampler;
import org.automl4j.sampler.Samplers;
import org.automl4j.storage.Storage;
import org.automl4j.storage.jdbc.Storages;
import org.automl4j.study.Direction;
import org.automl4j.study.OptimizeOptions;
import org.automl4j.study.Study;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialPrunedException;
import org.automl4j.trial.TrialState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code automl4j nas}: neural architecture search on an image or table data set: a cell space (NAS-Bench-201
 * cells stacked into a network) or a chain space (layer sequences), explored by a strategy within an
 * evaluation and time budget, each candidate trained for real and recorded as a trial; then the best
 * architecture trained longer, scored on held-out test data and saved.
 */
@Command(name = "nas", mixinStandardHelpOptions = true,
        description = {"Searches neural network architectures for a data set, trains the best one longer and saves it.",
                "Data: 'digits' (the bundled 8x8 digits), a folder of MNIST-style IDX files, or a CSV file (pixel_<row>_<col>"
                        + " columns are read as images, anything else as a table for chain MLPs). A stratified --test-fraction"
                        + " is held out; the rest is split into training and validation (--validation-fraction).",
                "Every evaluated architecture is a trial of the study (--storage, --study) with user attributes"
                        + " 'architecture' and 'architecture_dot'; the study has 'automl4j.kind' = 'nas'."},
        footer = {"", "Examples:", "  ./automl4j nas --data digits --evaluations 30",
                "  ./automl4j nas --data ../shared/datasets/images/mnist --time 20m --strategy evolution --stages 3 --epochs 3",
                "  ./automl4j nas --data digits --ops none,skip_connect,nor_conv_3x3 --strategy reinforce --pruner sha",
                "  ./automl4j nas --data table.csv --target y --space chain --strategy tpe --evaluations 40",
                "  ./automl4j nas --data digits --ops none,skip_connect,nor_conv_3x3 --strategy supernet --evaluations 200",
                "  ./automl4j nas --data digits --ops none,skip_connect,nor_conv_3x3 --strategy supernet --controller reinforce --study enas",
                "  ./automl4j nas --data digits --ops none,skip_connect,nor_conv_3x3 --strategy darts --oneshot-epochs 30",
                "  ./automl4j nas --data digits --strategy darts --oneshot-runs 6 --oneshot-epochs 20 --pruner median --study darts-runs",
                "  ./automl4j nas --data digits --space chain --strategy morphism --evaluations 16 --epochs 3",
                "  ./automl4j nas --data table.csv --target y --strategy morphism --batch-norm --evaluations 16",
                "  ./automl4j studies show nas-digits-cell-evolution-0 --storage sqlite:automl4j-results/studies.db"})
public final class NasCommand implements Callable<Integer> {
    private static final Pattern PIXEL = Pattern.compile("pixel_\\d+_\\d+");

    @Option(names = "--data", defaultValue = "digits", description = "digits, an IDX folder, or a .csv file"
            + " (default ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--target", defaultValue = "target", description = "Class column of a CSV file (default ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--pixel-max", defaultValue = "255", description = "Largest pixel value of a CSV of images"
            + " (default ${DEFAULT-VALUE}; the bundled digits use 16).")
    double pixelMax;

    @Option(names = "--space", description = "cell or chain (default: cell for images, chain for tables).")
    String space;

    @Option(names = "--ops", defaultValue = "nb201", description = "Cell edge operations, comma-separated, from none,"
            + " skip_connect, nor_conv_1x1, nor_conv_3x3, avg_pool_3x3 (default ${DEFAULT-VALUE}: all five).")
    String ops;

    @Option(names = "--strategy", description = "Cells: random, evolution, reinforce, tpe, smac, progressive (default"
            + " evolution), supernet (a one-shot weight-sharing supernet trained --oneshot-epochs, then evolution over its"
            + " scores, or with --controller reinforce cells drawn from the trained controller), darts (first-order DARTS"
            + " for --oneshot-epochs; its cell is then trained --epochs as one trial)."
            + " Chains: random, tpe, smac (default tpe), morphism (hill climbing over function-preserving deeper/wider"
            + " moves of a dense ReLU network for tables, of a ReLU convolution chain for images, 3 children per step, about"
            + " --evaluations trainings of --epochs each).")
    String strategy;

    @Option(names = "--oneshot-epochs", defaultValue = "50", description = "Epochs of supernet or DARTS training"
            + " (default ${DEFAULT-VALUE}).")
    int oneshotEpochs;

    @Option(names = "--controller", defaultValue = "uniform", description = "Supernet: how each training batch's"
            + " sub-network is drawn: uniform, or reinforce (ENAS: a REINFORCE controller, updated after every epoch with"
            + " 20 children's validation accuracy under the shared weights as rewards; the candidates are then drawn from"
            + " it) (default ${DEFAULT-VALUE}).")
    String controller;

    @Option(names = "--oneshot-runs", defaultValue = "1", description = "Supernet or DARTS: independent runs (seeds"
            + " --seed, --seed+1, ...), each a trial of the study <study>-oneshot reporting its validation score every"
            + " epoch, so --pruner (over --oneshot-epochs) stops weak runs; the best finished run is used"
            + " (default ${DEFAULT-VALUE}).")
    int oneshotRuns;

    @Option(names = "--batch-norm", description = "Morphism: batch normalisation before each ReLU of the dense layers"
            + " (tables) or convolutions (images); the morphisms keep the function with the running statistics.")
    boolean batchNorm;

    @Option(names = "--evaluations", defaultValue = "50", description = "Architectures to evaluate at most (default ${DEFAULT-VALUE}).")
    int evaluations;

    @Option(names = "--time", description = "Search time limit, e.g. 90s, 20m (default: none); the search stops at"
            + " whichever of --time and --evaluations comes first.")
    String time;

    @Option(names = "--channels", defaultValue = "16", description = "Cell networks: filters of the first stage (default ${DEFAULT-VALUE}).")
    int channels;

    @Option(names = "--cells", defaultValue = "1", description = "Cell networks: cells per stage (default ${DEFAULT-VALUE}).")
    int cells;

    @Option(names = "--stages", defaultValue = "2", description = "Cell networks: stages, each after the first halving the"
            + " resolution (default ${DEFAULT-VALUE}).")
    int stages;

    @Option(names = "--epochs", defaultValue = "5", description = "Epochs per evaluated architecture (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--final-epochs", defaultValue = "20", description = "Epochs to train the best architecture at the end;"
            + " 0 skips it (default ${DEFAULT-VALUE}).")
    int finalEpochs;

    @Option(names = "--batch-size", defaultValue = "64", description = "Training samples per step, at least 2"
            + " (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--optimizer", defaultValue = "adam", description = "adam or sgd (default ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", defaultValue = "0.003", description = "Learning rate, cosine-annealed (default ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--data-fraction", defaultValue = "1", description = "Share of the training data each search"
            + " evaluation uses (default ${DEFAULT-VALUE}).")
    double dataFraction;

    @Option(names = "--pruner", defaultValue = "none", description = "none, median, sha (successive halving on epochs,"
            + " eta 3) or hyperband (default ${DEFAULT-VALUE}); for supernet and darts it also stops one-shot runs"
            + " (--oneshot-runs) on their per-epoch validation scores.")
    String pruner;

    @Option(names = "--test-fraction", defaultValue = "0.2", description = "(default ${DEFAULT-VALUE})")
    double testFraction;

    @Option(names = "--validation-fraction", defaultValue = "0.2", description = "(default ${DEFAULT-VALUE})")
    double validationFraction;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of splits, strategy and training (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", description = "PyTorch threads (default: one per core).")
    Integer threads;

    @Mixin
    StorageOption storageOption = new StorageOption();

    @Option(names = "--study", description = "Study name (default nas-<data>-<space>-<strategy>-<seed>); it must not exist yet.")
    String studyName;

    @Option(names = "--out", description = "Folder for the model and architecture files (default automl4j-results/nas/<study>).")
    Path out;

    /** Training, validation and test samples, and what they are. */
    private record Parts(Samples train, Samples validation, Samples test, String name, boolean images) {
    }

    @Override
    public Integer call() throws IOException {
        validate();
        Duration limit = time == null ? null : FitCommand.parseDuration(time);
        PrintStream o = System.out;
        Parts parts = load();
        boolean cellSpace = space == null ? parts.images() : space.equals("cell");
        if (cellSpace && !parts.images()) {
            throw new IllegalArgumentException("--space cell needs images, but " + data + " is a table; use --space chain");
        }
        String strat = strategy != null ? strategy : cellSpace ? "evolution" : "tpe";
        List<String> allowed = cellSpace
                ? List.of("random", "evolution", "reinforce", "tpe", "smac", "progressive", "supernet", "darts")
                : List.of("random", "tpe", "smac", "morphism");
        if (!allowed.contains(strat)) {
            throw new IllegalArgumentException("--strategy " + strat + " is not available for the " + (cellSpace ? "cell" : "chain")
                    + " space; use one of " + String.join(", ", allowed));
        }
        if (controller.equals("reinforce") && !strat.equals("supernet")) {
            throw new IllegalArgumentException("--controller reinforce trains a supernet; use it with --strategy supernet"
                    + " (--strategy reinforce runs the controller over fully trained cells)");
        }
        if (batchNorm && !strat.equals("morphism")) {
            throw new IllegalArgumentException("--batch-norm applies to --strategy morphism (with --space chain for images)");
        }
        if (oneshotRuns > 1 && !strat.equals("supernet") && !strat.equals("darts")) {
            throw new IllegalArgumentException("--oneshot-runs applies to --strategy supernet or darts, not " + strat);
        }
        CellSpace cs = cellSpace ? parseOps() : null;
        if (cs != null) {
            checkStrategyFits(strat, cs);
        }
        String name = studyName != null ? studyName
                : "nas-" + parts.name() + "-" + (cellSpace ? "cell" : "chain") + "-" + strat + "-" + seed;
        Path dir = out != null ? out : Path.of("automl4j-results", "nas", name.replaceAll("[^A-Za-z0-9._-]", "_"));
        FitCommand.checkWritableFolder(dir, "--out");
        TrainingConfig config = new TrainingConfig(TrainingConfig.Optimizer.parse(optimizer), lr, 0.9, 0, batchSize, epochs,
                dataFraction, true);
        if (threads != null && System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        refuseExistingStudies(name, strat.equals("supernet") || strat.equals("darts"));
        DeepEngine engine = DeepEngine.start();
        NetworkTrainer trainer = new NetworkTrainer(engine);
        o.printf(Locale.ROOT, "automl4j nas: %s (%d train / %d validation / %d test, %s), %s space%s, strategy %s, %d"
                        + " evaluations%s, %d epochs each; %s%n",
                parts.name(), parts.train().size(), parts.validation().size(), parts.test().size(),
                shape(parts.train()), cellSpace ? "cell" : "chain", cellSpace ? " " + cs : "", strat, evaluations,
                limit == null ? "" : " or " + time, epochs, engine.describe());

        Storage storage = storageOption.open();
        try {
            Study study = Study.builder().name(name).storage(storage).direction(Direction.MAXIMIZE)
                    .sampler(sampler(strat)).pruner(pruner(epochs)).build();
            study.setUserAttr(StudyCellEvaluator.KIND_ATTR, StudyCellEvaluator.KIND);
            study.setUserAttr("nas.data", parts.name());
            study.setUserAttr("nas.space", cellSpace ? "cell:" + cs.encode() : "chain");
            study.setUserAttr("nas.strategy", strat);
            study.setUserAttr("nas.epochs", epochs);
            if (cellSpace) {
                study.setUserAttr("nas.network", new CellNetworkSpec(channels, cells, stages).toString());
            }
            long t0 = System.nanoTime();
            long deadline = limit == null ? Long.MAX_VALUE : t0 + limit.toNanos();
            if (strat.equals("supernet") || strat.equals("darts")) {
                searchOneShot(study, storage, cs, strat, parts, engine, trainer, config, deadline, o);
            } else if (strat.equals("morphism")) {
                searchMorphisms(study, parts, trainer, config, deadline, o);
            } else if (cellSpace) {
                searchCells(study, cs, strat, parts, trainer, config, deadline, o);
            } else {
                searchChains(study, parts, trainer, config, limit, o);
            }
            double searchSeconds = (System.nanoTime() - t0) / 1e9;
            List<FrozenTrial> done = study.trials(TrialState.COMPLETE, TrialState.PRUNED);
            Optional<FrozenTrial> best = study.trials(TrialState.COMPLETE).stream()
                    .max(java.util.Comparator.comparingDouble(FrozenTrial::value));
            if (best.isEmpty()) {
                List<FrozenTrial> failed = study.trials(TrialState.FAIL);
                if (!failed.isEmpty() && failed.get(0).failure() != null) {
                    o.println("every evaluated architecture failed (" + failed.size() + " of " + study.trials().size()
                            + "); the first: " + failed.get(0).failure().message());
                } else {
                    o.println("no architecture finished within the budget; give more --time or --evaluations, or fewer"
                            + " --epochs");
                }
                return 1;
            }
            FrozenTrial b = best.get();
            String encoding = (String) b.userAttrs().get(StudyCellEvaluator.ARCHITECTURE);
            o.printf(Locale.ROOT, "%nsearch: %d architectures (%d pruned) in %.1f s; best trial %d, validation accuracy %.4f%n",
                    done.size(), study.trials(TrialState.PRUNED).size(), searchSeconds, b.number(), b.value());
            Supplier<ai.djl.nn.Block> network;
            String text;
            String dot;
            if (cellSpace) {
                Cell cell = Cell.decode(encoding);
                CellNetworkSpec spec = new CellNetworkSpec(channels, cells, stages);
                network = () -> spec.build(cell, parts.train().classes());
                text = cell.toText();
                dot = cell.toDot();
                o.println("best cell: " + encoding);
            } else {
                ChainArchitecture arch = ChainArchitecture.decode(encoding);
                network = () -> ChainNetworks.build(arch, parts.train().sampleShape(), parts.train().classes());
                text = arch.toText();
                dot = arch.toDot();
                o.println("best chain: " + encoding);
            }
            o.print(text);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("architecture.txt"), (cellSpace ? "cell " : "chain ") + encoding + "\n"
                    + (cellSpace ? "network " + new CellNetworkSpec(channels, cells, stages) + "\n" : "")
                    + "input " + shape(parts.train()) + ", classes " + parts.train().classes() + "\n" + text,
                    StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("architecture.dot"), dot, StandardCharsets.UTF_8);
            study.setUserAttr("nas.best_trial", b.number());
            study.setUserAttr("nas.best_architecture", encoding);
            if (finalEpochs > 0) {
                TrainingConfig finalConfig = config.withEpochs(finalEpochs).withDataFraction(1.0);
                long f0 = System.nanoTime();
                TrainedNetwork trained;
                try {
                    trained = trainer.fit(network, parts.train(), parts.validation(), finalConfig, seed, EpochCallback.NONE);
                } catch (TrainingDivergedException e) {
                    throw new IllegalArgumentException("the final training of the best architecture (trial " + b.number()
                            + ", study '" + name + "') failed: " + e.getMessage() + " or --final-epochs; the"
                            + " architecture is in " + dir.toAbsolutePath(), e);
                }
                try (TrainedNetwork net = trained) {
                    double test = net.accuracy(parts.test());
                    double val = net.result().finalValidationAccuracy();
                    net.save(dir, "model");
                    o.printf(Locale.ROOT, "final training: %d epochs in %.1f s, %d parameters; validation accuracy %.4f,"
                                    + " test accuracy %.4f%n", finalEpochs, (System.nanoTime() - f0) / 1e9,
                            net.result().parameters(), val, test);
                    study.setUserAttr("nas.final_validation_accuracy", val);
                    study.setUserAttr("nas.final_test_accuracy", test);
                    study.setUserAttr("nas.model_dir", dir.toAbsolutePath().toString());
                }
            }
            o.println("architecture and model written to " + dir.toAbsolutePath() + " (architecture.txt, architecture.dot"
                    + (finalEpochs > 0 ? ", model-0000.params" : "") + "); study '" + name + "' in " + storageOption.url);
            return 0;
        } finally {
            Storages.close(storage);
        }
    }

    /**
     * A nas run creates its study (and, for one-shot strategies, {@code <study>-oneshot}): refuses, before the
     * engine starts, a name an earlier run already used, saying how to go on.
     */
    private void refuseExistingStudies(String name, boolean oneShot) {
        Storage storage = storageOption.open();
        try {
            for (String n : oneShot ? List.of(name, name + "-oneshot") : List.of(name)) {
                Optional<org.automl4j.storage.StudyRecord> found = storage.findStudy(n);
                if (found.isPresent()) {
                    Object kind = found.get().userAttrs().get(StudyCellEvaluator.KIND_ATTR);
                    String origin = StudyCellEvaluator.KIND.equals(kind) || found.get().userAttrs().containsKey("nas.oneshot_of")
                            ? "an earlier nas run" : kind != null ? "a '" + kind + "' study, not made by nas"
                            : "a study not made by nas, e.g. an HPO study";
                    throw new IllegalArgumentException("a study named '" + n + "' already exists in " + storageOption.url
                            + " (" + origin + "); nas never resumes or adds to a study; name a new one with --study NAME, or delete it first: ./automl4j"
                            + " studies delete " + n + " --yes --storage " + storageOption.url);
                }
            }
        } finally {
            Storages.close(storage);
        }
    }

    private void validate() {
        if (evaluations < 1) {
            throw new IllegalArgumentException("--evaluations must be at least 1, got " + evaluations);
        }
        if (epochs < 1 || finalEpochs < 0) {
            throw new IllegalArgumentException("--epochs must be at least 1 and --final-epochs at least 0, got " + epochs
                    + " and " + finalEpochs);
        }
        if (channels < 1 || cells < 1 || stages < 1) {
            throw new IllegalArgumentException("--channels, --cells and --stages must be at least 1, got " + channels + ", "
                    + cells + " and " + stages);
        }
        if (batchSize < 2) {
            throw new IllegalArgumentException("--batch-size must be at least 2 (a batch of one sample is skipped, since"
                    + " batch normalisation cannot train on it, so nothing would train), got " + batchSize);
        }
        if (!(testFraction > 0 && testFraction < 1) || !(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("--test-fraction and --validation-fraction must be in (0, 1), got "
                    + testFraction + " and " + validationFraction);
        }
        if (!(dataFraction > 0 && dataFraction <= 1)) {
            throw new IllegalArgumentException("--data-fraction must be in (0, 1], got " + dataFraction);
        }
        if (!(lr > 0 && Double.isFinite(lr))) {
            throw new IllegalArgumentException("--lr must be a positive finite number, got " + lr);
        }
        if (!(pixelMax > 0 && Double.isFinite(pixelMax))) {
            throw new IllegalArgumentException("--pixel-max must be a positive finite number (255 for 8-bit images, 16"
                    + " for the 8x8 digits), got " + pixelMax);
        }
        if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a file, but the model and architecture files go in a"
                    + " folder; give a folder (new or existing) for --out");
        }
        if (space != null && !space.equals("cell") && !space.equals("chain")) {
            throw new IllegalArgumentException("--space must be cell or chain, got '" + space + "'");
        }
        if (oneshotEpochs < 1 || oneshotRuns < 1) {
            throw new IllegalArgumentException("--oneshot-epochs and --oneshot-runs must be at least 1, got " + oneshotEpochs
                    + " and " + oneshotRuns);
        }
        if (!controller.equals("uniform") && !controller.equals("reinforce")) {
            throw new IllegalArgumentException("--controller must be uniform or reinforce, got '" + controller + "'");
        }
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        pruner(epochs);
        TrainingConfig.Optimizer.parse(optimizer);
    }

    private Pruner pruner(int maxEpochs) {
        return switch (pruner) {
            case "none" -> Pruners.none();
            case "median" -> Pruners.median();
            case "sha" -> Pruners.successiveHalving(Budget.epochs(1, maxEpochs), 3);
            case "hyperband" -> Pruners.hyperband(Budget.epochs(1, maxEpochs), 3);
            default -> throw new IllegalArgumentException("--pruner must be none, median, sha or hyperband, got '" + pruner + "'");
        };
    }

    private CellSpace parseOps() {
        try {
            return CellSpace.parse(ops);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--ops " + ops + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses, with the class and how many it needs, data where a class has too few examples to give one to
     * each of the test, validation and training parts (the stratified splits would fail deep inside with
     * row numbers of a subset).
     */
    private void requireEnoughPerClass(int[] counts, List<String> names) {
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] > 0 && counts[c] - testCount(counts[c]) < 2) {
                int need = counts[c] + 1;
                while (need - testCount(need) < 2) {
                    need++;
                }
                String name = names != null && c < names.size() ? "'" + names.get(c) + "'" : Integer.toString(c);
                throw new IllegalArgumentException("--data " + data + ": class " + name + " (column '" + target + "') has "
                        + counts[c] + " example" + (counts[c] == 1 ? "" : "s") + ", but nas puts at least one of every"
                        + " class in each of the test (--test-fraction " + testFraction + "), validation and training"
                        + " parts, so it needs " + need + "; add examples of this class, drop its rows, or lower"
                        + " --test-fraction");
            }
        }
    }

    /** Test rows a class of {@code count} gets, as {@code Splits.stratifiedHoldout} computes them. */
    private int testCount(int count) {
        return (int) Math.min(count - 1, Math.max(1, Math.round(testFraction * count)));
    }

    private Sampler sampler(String strat) {
        return switch (strat) {
            case "smac" -> Samplers.smac(seed);
            case "random" -> Samplers.random(seed);
            default -> Samplers.tpe(seed);
        };
    }

    private CellStrategy cellStrategy(String strat) {
        return switch (strat) {
            case "random" -> new RandomSearch();
            case "evolution" -> new RegularizedEvolution(population(), Math.max(1, Math.min(5, evaluations / 10)));
            case "reinforce" -> new ReinforceController(0.5, 0.9);
            case "tpe" -> new SamplerSearch("tpe", Samplers::tpe);
            case "smac" -> new SamplerSearch("smac", Samplers::smac);
            case "progressive" -> new ProgressiveSearch(5);
            default -> throw new IllegalArgumentException("unknown strategy " + strat);
        };
    }

    /** The population of the evolution strategy (also over supernet scores). */
    private int population() {
        return Math.max(2, Math.min(20, evaluations / 3));
    }

    /**
     * Refuses, before the study is created (a run failing later would leave its name taken), a strategy that
     * cannot search the space of --ops.
     */
    private void checkStrategyFits(String strat, CellSpace cs) {
        if (strat.equals("progressive") && (!cs.ops().contains(org.automl4j.nas.space.Op.NONE) || cs.ops().size() < 2)) {
            throw new IllegalArgumentException("--strategy progressive grows cells from the empty cell, so --ops needs none"
                    + " and at least one other operation, but got " + cs.encode());
        }
        boolean evolves = strat.equals("evolution") || strat.equals("supernet") && controller.equals("uniform");
        if (evolves && cs.ops().size() < 2 && evaluations > population()) {
            throw new IllegalArgumentException("--strategy " + strat + " evolves cells by changing an edge's operation, so"
                    + " --ops needs at least two operations, but got " + cs.encode() + " (a single cell); add operations,"
                    + " or use --strategy random --evaluations 1");
        }
    }

    private void searchOneShot(Study study, Storage storage, CellSpace cs, String strat, Parts parts, DeepEngine engine,
            NetworkTrainer trainer, TrainingConfig config, long deadline, PrintStream o) {
        CellNetworkSpec spec = new CellNetworkSpec(channels, cells, stages);
        TrainingConfig oneshot = config.withEpochs(oneshotEpochs);
        Study runs = Study.builder().name(study.name() + "-oneshot").storage(storage).direction(Direction.MAXIMIZE)
                .pruner(pruner(oneshotEpochs)).build();
        runs.setUserAttr("nas.oneshot_of", study.name());
        runs.setUserAttr("nas.strategy", strat);
        study.setUserAttr("nas.oneshot_study", runs.name());
        if (strat.equals("darts")) {
            Darts darts = new Darts(engine, cs, spec, 3e-3);
            Darts.Result best = null;
            for (int i = 0; i < oneshotRuns; i++) {
                Darts.Result r = OneShotTrials.darts(runs, darts, parts.train(), parts.validation(), oneshot, seed + i);
                double last = r.validationAccuracy().get(r.validationAccuracy().size() - 1);
                o.printf(Locale.ROOT, "  DARTS: %d epochs in %.1f s%s, mixed network validation accuracy %.4f; discretised"
                                + " cell %s%n", r.validationAccuracy().size(), r.millis() / 1000.0,
                        r.stoppedEarly() ? " (pruned)" : "", last, r.cell().encode());
                if (best == null || best.stoppedEarly() && !r.stoppedEarly()
                        || best.stoppedEarly() == r.stoppedEarly() && last > lastAccuracy(best)) {
                    best = r;
                }
            }
            Darts.Result chosen = best;
            study.setUserAttr("nas.darts_weights", java.util.Arrays.deepToString(chosen.weights()));
            CellStrategy discretised = new CellStrategy() {
                @Override
                public String name() {
                    return "darts";
                }

                @Override
                public org.automl4j.nas.strategy.SearchHistory search(CellSpace space, CellEvaluator evaluator, int budget,
                        long s) {
                    double v = evaluator.evaluate(chosen.cell(), s);
                    return new org.automl4j.nas.strategy.SearchHistory("darts",
                            List.of(new org.automl4j.nas.strategy.SearchHistory.Evaluation(chosen.cell(), v)));
                }
            };
            searchCells(study, cs, discretised, parts, trainer, config, deadline, o, new TrainingCellEvaluator(trainer, parts.train(), parts.validation(),
                    spec, config).withStop(() -> System.nanoTime() > deadline));
            return;
        }
        Supernet.Sampling sampling = controller.equals("reinforce") ? Supernet.Sampling.reinforce()
                : Supernet.Sampling.uniform();
        Supernet best = null;
        Supernet.Run bestRun = null;
        try {
            for (int i = 0; i < oneshotRuns; i++) {
                long t0 = System.nanoTime();
                Supernet net = new Supernet(engine, cs, spec, parts.train().sampleShape(), parts.train().classes(), seed + i);
                Supernet.Run r;
                try {
                    r = OneShotTrials.supernet(runs, net, parts.train(), parts.validation(), oneshot, seed + i, sampling);
                } catch (RuntimeException | Error e) {
                    net.close();
                    throw e;
                }
                o.printf(Locale.ROOT, "  supernet: %d epochs in %.1f s%s, %s sampling, last epoch loss %.4f, children's"
                                + " validation accuracy %.4f%s%n", r.losses().size(), (System.nanoTime() - t0) / 1e9,
                        r.stoppedEarly() ? " (pruned)" : "", controller, r.losses().get(r.losses().size() - 1),
                        r.finalValidationScore(), r.policyCell() == null ? "" : "; controller's most likely cell "
                                + r.policyCell().encode());
                if (bestRun == null || bestRun.stoppedEarly() && !r.stoppedEarly()
                        || bestRun.stoppedEarly() == r.stoppedEarly() && r.finalValidationScore() > bestRun.finalValidationScore()) {
                    if (best != null) {
                        best.close();
                    }
                    best = net;
                    bestRun = r;
                } else {
                    net.close();
                }
            }
            Supernet net = best;
            o.println("  scoring sub-networks with the shared weights");
            TrialCellEvaluator shared = new TrialCellEvaluator() {
                @Override
                public double evaluate(Cell cell, long s) {
                    return net.score(cell, parts.validation());
                }

                @Override
                public Outcome evaluate(Cell cell, long s, org.automl4j.trial.Trial trial) {
                    return new Outcome(evaluate(cell, s), false);
                }
            };
            CellStrategy candidates = bestRun.policy() != null ? new PolicySearch(bestRun.policy())
                    : cellStrategy("evolution");
            searchCells(study, cs, candidates, parts, trainer, config, deadline, o, shared);
        } finally {
            if (best != null) {
                best.close();
            }
        }
    }

    private static double lastAccuracy(Darts.Result r) {
        return r.validationAccuracy().get(r.validationAccuracy().size() - 1);
    }

    private void searchMorphisms(Study study, Parts parts, NetworkTrainer trainer, TrainingConfig config, long deadline,
            PrintStream o) {
        java.util.function.BooleanSupplier stop = () -> System.nanoTime() > deadline;
        int children = 3;
        int steps = Math.max(0, (evaluations - 1) / children);
        MorphismSearch search = new MorphismSearch(trainer, new int[] {16}, children, 2, config, 4, 256);
        int[] shape = parts.train().sampleShape();
        // images: a convolutional chain (one 3x3 convolution of 8 filters to start); tables: a dense network
        MorphismSearch.Result r;
        try {
            r = parts.images()
                ? search.search(ConvChain.initial(shape[0], shape[1], shape[2], new int[] {8}, 3, parts.train().classes(),
                        seed, batchNorm), parts.train(), parts.validation(), steps, seed, stop)
                : batchNorm ? search.search(BatchNormNet.initial(java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b), new int[] {16},
                        parts.train().classes(), seed), parts.train(), parts.validation(), steps, seed, stop)
                : search.search(parts.train(), parts.validation(), steps, seed, stop);
        } catch (TrainingDivergedException e) {
            // one hill climb: a network that diverges leaves nothing to climb from or compare with
            throw new IllegalArgumentException("the morphism search (study '" + study.name() + "') stopped: " + e.getMessage(),
                    e);
        }
        for (MorphismSearch.Step step : r.steps()) {
            org.automl4j.trial.Trial t = study.ask();
            // the kept network of each step, as a chain (dense ReLU layers) for the final training
            ChainArchitecture chain = ChainArchitecture.decode(step.architecture());
            t.setUserAttr(StudyCellEvaluator.ARCHITECTURE, chain.encode());
            t.setUserAttr(StudyCellEvaluator.ARCHITECTURE_DOT, chain.toDot());
            t.setUserAttr("children_accuracy", step.childAccuracies().toString());
            study.tell(t, step.accuracy());
            o.printf(Locale.ROOT, "  step %2d  %.4f  %s   children %s%n", step.step(), step.accuracy(), step.network(),
                    step.childAccuracies());
        }
    }

    private void searchCells(Study study, CellSpace cs, String strat, Parts parts, NetworkTrainer trainer,
            TrainingConfig config, long deadline, PrintStream o) {
        searchCells(study, cs, cellStrategy(strat), parts, trainer, config, deadline, o,
                new TrainingCellEvaluator(trainer, parts.train(), parts.validation(), new CellNetworkSpec(channels, cells, stages),
                        config).withStop(() -> System.nanoTime() > deadline));
    }

    private void searchCells(Study study, CellSpace cs, CellStrategy strategy, Parts parts, NetworkTrainer trainer,
            TrainingConfig config, long deadline, PrintStream o, TrialCellEvaluator training) {
        StudyCellEvaluator recorded = new StudyCellEvaluator(study, cs, training);
        int[] count = {0};
        CellEvaluator timed = (cell, s) -> {
            if (System.nanoTime() > deadline) {
                throw new SearchStoppedException("time limit");
            }
            long t = System.nanoTime();
            double v;
            try {
                v = recorded.evaluate(cell, s);
            } catch (TrainingDivergedException e) {
                // the trial is FAIL with the reason; the strategy sees the worst accuracy and goes on
                count[0]++;
                o.printf(Locale.ROOT, "  %3d  failed  %s: %s%n", count[0], cell.canonical().encode(), e.getMessage());
                return 0.0;
            }
            count[0]++;
            FrozenTrial last = study.trials().get(study.trials().size() - 1);
            o.printf(Locale.ROOT, "  %3d  %s %.4f  %5.1f s  %s%n", count[0], last.state() == TrialState.PRUNED ? "pruned" : "      ",
                    v, (System.nanoTime() - t) / 1e9, cell.canonical().encode());
            return v;
        };
        strategy.search(cs, timed, evaluations, seed);
    }

    private void searchChains(Study study, Parts parts, NetworkTrainer trainer, TrainingConfig config, Duration limit,
            PrintStream o) {
        ChainSpace cs = parts.images() ? ChainSpace.convnet() : ChainSpace.mlp();
        long deadline = limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
        // --time also ends a running training (after its current epoch, as pruned), not only the next trial
        TrainingChainEvaluator eval = new TrainingChainEvaluator(trainer, parts.train(), parts.validation(), config)
                .withStop(() -> System.nanoTime() > deadline);
        OptimizeOptions options = OptimizeOptions.trials(evaluations);
        if (limit != null) {
            options = options.withTimeout(limit);
        }
        study.optimize(trial -> {
            ChainArchitecture arch = cs.suggest(trial);
            trial.setUserAttr(StudyCellEvaluator.ARCHITECTURE, arch.encode());
            trial.setUserAttr(StudyCellEvaluator.ARCHITECTURE_DOT, arch.toDot());
            long t = System.nanoTime();
            TrialCellEvaluator.Outcome r = eval.evaluate(arch, seed + trial.number(), trial);
            o.printf(Locale.ROOT, "  %3d  %s %.4f  %5.1f s  %s%n", trial.number() + 1, r.pruned() ? "pruned" : "      ",
                    r.score(), (System.nanoTime() - t) / 1e9, arch.encode());
            if (r.pruned()) {
                throw new TrialPrunedException();
            }
            return r.score();
        }, options);
    }

    private Parts load() {
        if (data.equals("digits")) {
            return split(ImageSet.digits(), "digits");
        }
        Path p = Path.of(data);
        if (Files.isDirectory(p)) {
            return split(ImageSet.fromIdxFolder(p), p.getFileName().toString());
        }
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("--data: no such file or folder: " + p.toAbsolutePath()
                    + "; give 'digits', an MNIST-style IDX folder or a CSV file");
        }
        String file = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (file.matches(".*-idx\\d-ubyte(\\.gz)?")) {
            throw new IllegalArgumentException("--data " + p + " is one IDX file; give the folder that holds the images"
                    + " file and its labels file: --data " + (p.toAbsolutePath().getParent()));
        }
        if (file.endsWith(".automl4j") || file.endsWith(".params") || file.endsWith(".onnx")) {
            throw new IllegalArgumentException("--data " + p + " is a saved model, not a data set; give 'digits', an"
                    + " MNIST-style IDX folder or a CSV file of images or of a table");
        }
        Table table = FitCommand.read(p, List.of(), List.of());
        String base = FitCommand.baseName(p);
        boolean pixels = table.find(target).isPresent() && table.columnCount() > 1;
        for (Column c : table.columns()) {
            if (!c.name().equals(target) && !PIXEL.matcher(c.name()).matches()) {
                pixels = false;
            }
        }
        if (pixels) {
            return split(ImageSet.fromTable(base, table, target, pixelMax), base);
        }
        LabeledTable labeled = LabeledTable.of(table, target);
        if (labeled.task().isClassification()) {
            int[] counts = new int[labeled.classes().size()];
            for (int l : labeled.labels()) {
                counts[l]++;
            }
            requireEnoughPerClass(counts, labeled.classes());
        }
        Split outer = Splits.holdout(labeled, testFraction, seed);
        LabeledTable rest = labeled.selectRows(outer.train());
        Split inner = Splits.holdout(rest, validationFraction, seed + 1);
        LabeledTable fit = rest.selectRows(inner.train());
        TableEncoder enc = TableEncoder.fit(fit);
        return new Parts(enc.encode(fit), enc.encode(rest.selectRows(inner.test())),
                enc.encode(labeled.selectRows(outer.test())), base, false);
    }

    private Parts split(ImageSet images, String name) {
        requireEnoughPerClass(images.classCounts(), null);
        ImageSet.TrainTest outer = images.split(testFraction, seed);
        ImageSet.TrainTest inner = outer.train().split(validationFraction, seed + 1);
        return new Parts(Samples.of(inner.train()), Samples.of(inner.test()), Samples.of(outer.test()), name, true);
    }

    private static String shape(Samples s) {
        int[] sh = s.sampleShape();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < sh.length; i++) {
            b.append(i > 0 ? "x" : "").append(sh[i]);
        }
        return b.toString();
    }
}
