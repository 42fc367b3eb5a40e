package org.automl4j.cli;

import org.automl4j.cli.command.DemoCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code automl4j} command. */
@Command(name = "automl4j", mixinStandardHelpOptions = true, version = "automl4j 0.1.0-SNAPSHOT",
        description = "AutoML for the JVM: hyperparameter optimisation, tabular AutoML, NAS, meta-learning.",
        subcommands = {DemoCommand.class, org.automl4j.cli.command.FitCommand.class,
                org.automl4j.cli.command.PredictCommand.class, org.automl4j.cli.command.EvaluateCommand.class, org.automl4j.cli.command.FeatureImportanceCommand.class, org.automl4j.cli.command.ExportCommand.class, org.automl4j.cli.command.OptimizeCommand.class, org.automl4j.cli.command.MetaCommand.class,
                org.automl4j.cli.command.NasCommand.class, org.automl4j.cli.command.MetalearnCommand.class,
                org.automl4j.cli.command.StudiesCommand.class,
                org.automl4j.cli.command.DashboardCommand.class, org.automl4j.cli.command.ReportCommand.class, picocli.AutoComplete.GenerateCompletion.class, CommandLine.HelpCommand.class},
        footer = {"", "Examples:", "  ./automl4j demo", "  ./automl4j demo --trials 200 --seed 7", "  ./automl4j studies list",
                "  ./automl4j dashboard --storage sqlite:automl4j-results/studies.db",
                "  ./automl4j report demo-branin-tpe --out branin.html",
                "  source <(./automl4j generate-completion)    # bash/zsh completion",
                "  ./automl4j fit data.csv --config run.yaml    # option values from a file (same names as the flags)",
                "  ./automl4j nas --data digits --evaluations 30    # neural architecture search",
                "  ./automl4j metalearn train --family sinusoid --out sine.metainit",
                "  ./automl4j benchmark hpo --functions branin --samplers tpe,random --trials 100 --seeds 0-4"})
public final class Main implements Runnable {

    /** Exit code for bad input: a wrong option value, an unknown storage URL, a missing file. */
    public static final int USAGE_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = {"-v", "--verbose"}, description = "More log output (info level), before the command:"
            + " automl4j -v fit ...")
    boolean verbose;

    @CommandLine.Option(names = {"-q", "--quiet"}, description = "Errors only in the log, before the command:"
            + " automl4j -q optimize ...")
    boolean quiet;

    /** The root command line with every sub-command; other modules (bench) may add theirs. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // A flag the command does not have, a value of the wrong type, a missing required flag: one line naming it
        // and where the command's flags are listed (not the whole usage text), exit code 2.
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("error: " + ex.getMessage() + "; see: " + cmd.getCommandSpec().qualifiedName()
                    + " --help");
            return USAGE_ERROR;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof org.automl4j.storage.StorageException
                    || ex instanceof org.automl4j.data.io.DataFormatException
                    || ex instanceof org.automl4j.storage.json.JsonCodecException
                    || ex instanceof org.automl4j.study.StudySetupException) {
                // bad input or an unusable storage: the message says what and how to fix it
                cmd.getErr().println("error: " + ex.getMessage());
                return USAGE_ERROR;
            }
            Throwable io = ex instanceof java.io.UncheckedIOException u && u.getCause() != null ? u.getCause() : ex;
            if (io instanceof java.nio.file.FileSystemException fs) {
                // a path the user gave cannot be read or written (a file where a folder should be, no permission)
                cmd.getErr().println("error: " + fileProblem(fs));
                return USAGE_ERROR;
            }
            if (io instanceof java.io.IOException) {
                // reading or writing failed underway (a full disk, a device error): what happened, no stack trace
                cmd.getErr().println("error: " + (ex.getMessage() != null ? ex.getMessage() : ex.toString())
                        + "; check the disk and the path, then run the command again");
                return 1;
            }
            if (ex instanceof org.automl4j.nas.evaluator.TrainingDivergedException) {
                // a one-shot (supernet, DARTS) or morphism training went to NaN: the message names the rate to lower
                cmd.getErr().println("error: " + ex.getMessage());
                return 1;
            }
            if (ex instanceof org.automl4j.tabular.NoPipelineFinishedException) {
                // every pipeline failed: not the input's fault as far as we can tell, but no stack trace either
                cmd.getErr().println("error: " + ex.getMessage());
                return 1;
            }
            throw ex;
        });
        return cl;
    }

    /** What went wrong with a path, in words, and what to do. */
    static String fileProblem(java.nio.file.FileSystemException e) {
        String what = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e instanceof java.nio.file.NoSuchFileException ? "no such file or folder"
                : e instanceof java.nio.file.FileAlreadyExistsException ? "a file is in the way of a folder"
                : e instanceof java.nio.file.NotDirectoryException ? "not a folder"
                : e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
        return e.getFile() + (e.getOtherFile() != null ? " -> " + e.getOtherFile() : "") + ": " + what
                + "; check the path and its folders";
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        Logging.setLevel(Logging.levelFromArgs(args));
        Logging.quietLibraries();
        System.exit(execute(args));
    }

    /**
     * Runs the command line {@code args}, after taking {@code --config FILE} out of them: the file's values
     * (see {@code ConfigFile}) become the defaults of the flags of the same names.
     */
    public static int execute(String... args) {
        CommandLine cl = commandLine();
        String[] rest;
        try {
            rest = ConfigFile.apply(cl, args);
        } catch (IllegalArgumentException e) {
            cl.getErr().println("error: " + e.getMessage());
            return USAGE_ERROR;
        }
        return cl.execute(rest);
    }
}
