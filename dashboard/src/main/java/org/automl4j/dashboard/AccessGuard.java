package org.automl4j.dashboard;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * Decides whether a request may be served. With a token, a request must present it as
 * {@code Authorization: Bearer TOKEN}, header {@code X-Automl4j-Token}, query parameter {@code token} or the
 * cookie this guard sets after the first accepted request (HttpOnly, SameSite=Strict); tokens are compared
 * in constant time. Bound to loopback, the {@code Host} header must name a loopback host, so that a web page
 * elsewhere cannot reach the dashboard through DNS rebinding.
 */
final class AccessGuard {

    private final String token;
    private final boolean loopback;
    private final String cookieName;

    AccessGuard(String token, boolean loopback, int port) {
        this.token = token;
        this.loopback = loopback;
        this.cookieName = "automl4j_token_" + port;
    }

    String cookieName() {
        return cookieName;
    }

    /** Why the request is refused (with the HTTP status), or null to serve it. */
    Refusal check(Context ctx) {
        if (loopback && !loopbackHost(ctx.header("Host"))) {
            return new Refusal(403, "this dashboard listens on loopback only and answers requests for localhost or"
                    + " 127.0.0.1; to reach it from elsewhere start it with --host 0.0.0.0 (it then needs a token)");
        }
        if (token == null) {
            return null;
        }
        String presented = null;
        boolean fromCookie = false;
        String auth = ctx.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = auth.substring(7).trim();
        } else if (ctx.header("X-Automl4j-Token") != null) {
            presented = ctx.header("X-Automl4j-Token");
        } else if (ctx.queryParam("token") != null) {
            presented = ctx.queryParam("token");
        } else if (ctx.cookie(cookieName) != null) {
            presented = ctx.cookie(cookieName);
            fromCookie = true;
        }
        if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            return new Refusal(401, presented == null
                    ? "this dashboard needs its access token: open the address printed when it started (it ends in"
                            + " ?token=...), or send the header 'Authorization: Bearer TOKEN'"
                    : "wrong access token; use the one printed when the dashboard started");
        }
        if (!fromCookie) {
            Cookie c = new Cookie(cookieName, token, "/", -1, false, true, null, SameSite.STRICT);
            ctx.cookie(c);
        }
        return null;
    }

    static boolean loopbackHost(String hostHeader) {
        if (hostHeader == null) {
            return false;
        }
        String h = hostHeader.toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end > 0 && h.substring(1, end).equals("::1");
        }
        int colon = h.indexOf(':');
        String name = colon >= 0 ? h.substring(0, colon) : h;
        return name.equals("localhost") || name.matches("127(\\.\\d{1,3}){3}");
    }

    /**
     * A refused request.
     *
     * @param status  401 (no or wrong token) or 403 (foreign Host header)
     * @param message what to do about it
     */
    record Refusal(int status, String message) {
    }
}
