package org.automl4j.storage;

import org.automl4j.AutoMLException;

/** A study with the given name already exists in the storage. */
public class DuplicateStudyException extends AutoMLException {
    private static final long serialVersionUID = 1L;

    /** The name that is taken. */
    private final String name;

    /** The study named {@code name} exists already. */
    public DuplicateStudyException(String name) {
        super("a study named '" + name + "' already exists; load it (loadIfExists) or choose another name");
        this.name = name;
    }

    /** The name that is taken, so that a caller can say what to do in its own terms. */
    public String name() {
        return name;
    }
}
