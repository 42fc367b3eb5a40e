package org.automl4j.cli.command;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.automl4j.dashboard.DashboardOptions;
import org.automl4j.dashboard.DashboardServer;
import org.automl4j.storage.Storage;
import org.automl4j.storage.jdbc.Storages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code automl4j dashboard}: serves the web dashboard over a storage until interrupted. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = {"Serves a web dashboard over every study of a storage, live while studies run: history,"
                + " parallel coordinates, slice and contour plots, importance, learning curves, Pareto fronts, a trial"
                + " table, AutoML leaderboards and NAS architectures; its JSON API is in docs/dashboard-api.md.",
                "Listens on 127.0.0.1 unless --host says otherwise; on any other address it requires an access token"
                        + " (made up and printed when --token is not given). Stop it with Ctrl-C."},
        footer = {"", "Examples:", "  ./automl4j dashboard",
                "  ./automl4j dashboard --storage sqlite:runs/studies.db --port 9000",
                "  ./automl4j dashboard --host 0.0.0.0 --port 8090    # reachable from other machines, with a token",
                "  curl -s 'http://127.0.0.1:8090/api/studies'"})
public final class DashboardCommand implements Callable<Integer> {

    @Mixin
    StorageOption storage = new StorageOption();

    @Option(names = "--port", defaultValue = "" + DashboardOptions.DEFAULT_PORT, paramLabel = "N",
            description = "TCP port (default ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--host", defaultValue = DashboardOptions.DEFAULT_HOST, paramLabel = "ADDRESS",
            description = "Address to listen on (default ${DEFAULT-VALUE}, this machine only; 0.0.0.0 = every interface,"
                    + " which requires a token).")
    String host;

    @Option(names = "--token", paramLabel = "TOKEN", description = "Access token (16+ characters of A-Z a-z 0-9 . _ ~ -);"
            + " required by every request when given. Default: none on loopback, a random one otherwise.")
    String token;

    @Override
    public Integer call() throws InterruptedException {
        DashboardOptions options = new DashboardOptions(host, port, token);
        options.loopback(); // fails early, with the fix, on an unknown host
        java.util.Optional<java.nio.file.Path> file = Storages.sqliteFile(storage.url);
        boolean noFileYet = file.isPresent() && !java.nio.file.Files.exists(file.get());
        Storage s = storage.open();
        DashboardServer server;
        try {
            server = DashboardServer.start(s, options);
        } catch (IllegalStateException e) {
            Storages.close(s);
            System.err.println("error: " + e.getMessage());
            return org.automl4j.cli.Main.USAGE_ERROR;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.close();
            Storages.close(s);
            stopped.countDown();
        }, "automl4j-dashboard-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.println("automl4j dashboard over " + storage.url + ": " + server.url());
        if (server.token() != null && token == null) {
            System.out.println("access token (required off loopback): " + server.token());
        }
        if (noFileYet) {
            // a mistyped path would otherwise show an empty dashboard without a word
            System.err.println("note: there was no database file " + file.get().toAbsolutePath() + ", so the dashboard"
                    + " shows no study until fit, optimize, nas or demo write to --storage " + storage.url
                    + "; check the path if you expected studies there");
        }
        System.out.println("press Ctrl-C to stop");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
