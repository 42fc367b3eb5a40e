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

    /** Jackson's own words for a parse error, without its note that the source is not shown. */
    static String jacksonMessage(com.fasterxml.jackson.core.JsonProcessingException e) {
        return String.valueOf(e.getOriginalMessage()).replace("[Source: REDACTED"
                + " (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); ", "[");
    }
}
