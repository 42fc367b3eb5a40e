package org.automl4j.testkit;

import java.time.Clock;
import org.automl4j.storage.InMemoryStorage;
import org.automl4j.storage.Storage;

class InMemoryStorageContractTest extends StorageContractTest {
    @Override
    protected Storage newStorage(Clock clock) {
        return new InMemoryStorage(clock);
    }
}
