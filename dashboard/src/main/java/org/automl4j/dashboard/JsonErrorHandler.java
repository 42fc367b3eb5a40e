package org.automl4j.dashboard;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (requests refused before they reach a route: an address over the URI limit, a
 * malformed percent-encoding, headers too large) as the API's JSON error {@code {"error", "status"}}
 * instead of Jetty's HTML page. Server errors say nothing of their cause (it is logged), so no file path or
 * stack trace reaches a client.
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        HttpFields.Mutable h = response.getHeaders();
        h.put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        h.put(HttpHeader.CACHE_CONTROL, "no-store");
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Content-Security-Policy", DashboardServer.CSP);
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        fields.put(HttpHeader.CACHE_CONTROL, "no-store");
        return ByteBuffer.wrap(body(status, reason));
    }

    /** The JSON error for a request Jetty refused with {@code code} for {@code reason}. */
    static byte[] body(int code, String reason) {
        var o = Json.object();
        o.put("error", message(code, reason));
        o.put("status", code);
        return Json.bytes(o);
    }

    static String message(int code, String reason) {
        return switch (code) {
            case 414 -> "the request's address is too long for this server (8 KB at most); shorten the query (a study"
                    + " name this long cannot be asked for: GET /api/studies lists the studies)";
            case 431 -> "the request's headers are too large for this server; send fewer or smaller headers or cookies";
            case 400 -> "bad request" + (reason == null || reason.isBlank() ? "" : " (" + reason + ")")
                    + "; check the address: characters such as % / ? & # in a study name must be percent-encoded"
                    + " (encodeURIComponent, or curl --data-urlencode with -G)";
            default -> code >= 500
                    ? "internal error; the dashboard's log says what went wrong"
                    : "the request was refused" + (reason == null || reason.isBlank() ? "" : " (" + reason + ")");
        };
    }
}
