package org.automl4j.storage;

import org.automl4j.AutoMLException;

/** A study with the given name already exists in the storage. */
public class DuplicateStudyException extends AutoMLException {
    private static final long serialVersionUID = 1L;

    public DuplicateStudyException(String name) {
        super("a study named '" + name + "' already exists; load it (loadIfExists) or choose another name");
    }
}
