package org.automl4j.cli.command;

import org.automl4j.storage.Storage;
import org.automl4j.storage.jdbc.Storages;
import picocli.CommandLine.Option;

/** The {@code --storage URL} option every command that reads or writes studies shares. */
final class StorageOption {

    @Option(names = "--storage", defaultValue = Storages.DEFAULT_URL, paramLabel = "URL",
            description = "Where studies live: sqlite:path/to/studies.db (default ${DEFAULT-VALUE}),"
                    + " postgresql://user:password@host:5432/db, or memory.")
    String url;

    /** Opens the storage; close it with {@link Storages#close}. */
    Storage open() {
        return Storages.open(url);
    }
}
