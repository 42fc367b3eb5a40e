package org.automl4j.bench;

import org.automl4j.cli.Main;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point for {@code automl4j benchmark ...}: the CLI's root command plus the benchmark commands. */
public final class BenchMain {
    private BenchMain() {
    }

    /** The {@code benchmark} command group. */
    @Command(name = "benchmark", mixinStandardHelpOptions = true,
            description = "Benchmarks; each writes a JSON file (see bench/results) and prints a summary.",
            subcommands = {HpoBenchmark.class, MultiFidelityBenchmark.class, InstancesBenchmark.class, MultiObjectiveBenchmark.class, RankBenchmark.class, MemoryBenchmark.class, StorageBenchmark.class, AutomlBenchmark.class, TransferBenchmark.class, DashboardBenchmark.class, NasBenchmark.class, NasTableCommand.class, MetalearnBenchmark.class, NasOneShotBenchmark.class, MetaBenchmark.class})
    static final class BenchmarkCommand implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(System.out);
        }
    }

    public static void main(String[] args) {
        org.automl4j.cli.Logging.quietLibraries();
        CommandLine cl = Main.commandLine();
        cl.addSubcommand(new CommandLine(new BenchmarkCommand()));
        System.exit(cl.execute(args));
    }
}
