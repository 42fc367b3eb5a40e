package org.automl4j.dashboard;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Where the dashboard listens and how it is protected. Bound to a loopback address (the default,
 * {@code 127.0.0.1}) it needs no token unless one is given; bound to any other address it always requires
 * one, and {@link DashboardServer#start} generates a random one when {@code token} is null.
 *
 * @param host  the address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port  the TCP port, 0 for any free one
 * @param token the access token, or null (then generated where one is required)
 */
public record DashboardOptions(String host, int port, String token) {

    /** The default address: loopback only. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The default port. */
    public static final int DEFAULT_PORT = 8090;

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~-]{16,256}");

    /**
     * @throws IllegalArgumentException for a port outside 0..65535, a blank host or a token that is too
     *     short or has characters that do not survive a URL
     */
    public DashboardOptions {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("--host must be an address such as 127.0.0.1 or 0.0.0.0, but was blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535 (0 = any free port), but was " + port);
        }
        if (token != null && !TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("--token must be 16 to 256 characters of A-Z a-z 0-9 . _ ~ -"
                    + " (it travels in URLs and cookies); leave it out to get a random one");
        }
    }

    /** Loopback, default port, no token. */
    public static DashboardOptions defaults() {
        return new DashboardOptions(DEFAULT_HOST, DEFAULT_PORT, null);
    }

    /** Whether {@link #host} is a loopback address (127.0.0.0/8, ::1 or a name resolving to one). */
    public boolean loopback() {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--host '" + host + "' is not an address of this machine: " + e.getMessage()
                    + "; use 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)", e);
        }
    }

    /** Whether requests must carry the token: always off loopback, and on loopback when one was given. */
    public boolean requiresToken() {
        return token != null || !loopback();
    }
}
