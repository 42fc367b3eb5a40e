package org.automl4j.testkit;

import org.automl4j.storage.InMemoryStorage;
import org.automl4j.storage.Storage;

class InMemoryStorageContractTest extends StorageContractTest {
    @Override
    protected Storage newStorage() {
        return new InMemoryStorage();
    }
}
