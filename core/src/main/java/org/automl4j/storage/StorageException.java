package org.automl4j.storage;

import org.automl4j.AutoMLException;

/** A storage could not read or write; the message says which study or trial and why. */
public class StorageException extends AutoMLException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
