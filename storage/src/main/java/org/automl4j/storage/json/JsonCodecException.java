package org.automl4j.storage.json;

import org.automl4j.AutoMLException;

/** A JSON document could not be read; the message names the place in the document and what was expected. */
public class JsonCodecException extends AutoMLException {
    private static final long serialVersionUID = 1L;

    public JsonCodecException(String message) {
        super(message);
    }

    public JsonCodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
