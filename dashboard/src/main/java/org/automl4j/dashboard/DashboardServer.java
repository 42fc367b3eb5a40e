package org.automl4j.dashboard;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import org.automl4j.storage.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running dashboard: an HTTP server (Javalin on Jetty) serving the page, its static assets and the
 * JSON API ({@code docs/dashboard-api.md}) over every study of one storage, read-only. Start it with
 * {@link #start}, stop it with {@link #close}. Thread-safe; the storage must stay open while it runs.
 */
public final class DashboardServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);

    /** Content Security Policy of every answer: scripts and data from this server only. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
            + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final Javalin app;
    private final DashboardOptions options;
    private final String token;

    private DashboardServer(Javalin app, DashboardOptions options, String token) {
        this.app = app;
        this.options = options;
        this.token = token;
    }

    /**
     * Starts a dashboard over {@code storage}. Off loopback without a token, a random 128-bit one is made
     * (see {@link #token()}).
     *
     * @throws IllegalArgumentException when the host is not an address of this machine
     * @throws IllegalStateException    when the port cannot be bound (in use, or not allowed)
     */
    public static DashboardServer start(Storage storage, DashboardOptions options) {
        return start(storage, options, StudyCache.DEFAULT_REFRESH);
    }

    /** As {@link #start(Storage, DashboardOptions)}, refreshing a study from the storage at most once per {@code refresh}. */
    static DashboardServer start(Storage storage, DashboardOptions options, java.time.Duration refresh) {
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(options, "options");
        boolean loopback = options.loopback();
        String token = options.token();
        if (token == null && !loopback) {
            byte[] b = new byte[16];
            new SecureRandom().nextBytes(b);
            token = HexFormat.of().formatHex(b);
        }
        checkBindable(options);
        DashboardApi api = new DashboardApi(new StudyCache(storage, refresh));
        StaticAssets assets = new StaticAssets();
        String tok = token;
        // the cookie name carries the port, known only once bound; a holder lets the guard be built lazily
        AccessGuard[] guard = new AccessGuard[1];
        Javalin app = Javalin.create(cfg -> {
            cfg.jetty.host = options.host();
            cfg.jetty.port = options.port();
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.generateEtags = true;
            // requests Jetty refuses itself (URI too long, bad percent-encoding) get the API's JSON error too
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            cfg.routes.before(ctx -> {
                securityHeaders(ctx);
                AccessGuard g = guard[0];
                if (g == null) {
                    g = new AccessGuard(tok, loopback, ctx.port());
                    guard[0] = g;
                }
                AccessGuard.Refusal r = g.check(ctx);
                if (r != null) {
                    if (r.status() == 401) {
                        // HTTP requires a 401 to name the scheme it wants
                        ctx.header("WWW-Authenticate", "Bearer realm=\"automl4j dashboard\"");
                    }
                    error(ctx, r.status(), r.message());
                    ctx.skipRemainingHandlers();
                    return;
                }
                String method = ctx.req().getMethod();
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    ctx.header("Allow", "GET, HEAD");
                    error(ctx, 405, "the dashboard is read-only and answers GET only, not " + method
                            + "; change studies with the automl4j command or the Study API");
                    ctx.skipRemainingHandlers();
                }
            });
            for (Map.Entry<String, StaticAssets.Asset> e : StaticAssets.ASSETS.entrySet()) {
                String path = e.getKey();
                StaticAssets.Asset a = e.getValue();
                cfg.routes.get(path, ctx -> {
                    if (path.equals("/") && ctx.queryParam("token") != null) {
                        // the token is now in a cookie; keep it out of the address bar and the history
                        ctx.redirect("/");
                        return;
                    }
                    ctx.header("Cache-Control", a.immutable() ? "public, max-age=86400" : "no-cache");
                    ctx.contentType(a.contentType()).result(assets.bytes(path));
                });
            }
            for (String route : DashboardApi.ROUTES) {
                cfg.routes.get(route, ctx -> {
                    byte[] body = api.answer(route, DashboardApi.parseQuery(ctx.queryString()));
                    ctx.header("Cache-Control", "no-store");
                    ctx.contentType("application/json; charset=utf-8").result(body);
                });
            }
            cfg.routes.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
            cfg.routes.exception(StudyCache.NoSuchStudyException.class, (e, ctx) -> error(ctx, 404, e.getMessage()));
            cfg.routes.exception(StudyViews.NoSuchTrialException.class, (e, ctx) -> error(ctx, 404, e.getMessage()));
            cfg.routes.exception(DashboardApi.UnknownRouteException.class, (e, ctx) -> error(ctx, 404, e.getMessage()));
            cfg.routes.exception(org.automl4j.storage.StorageException.class, (e, ctx) -> {
                // its message may name the database file: logged here, never sent to the client
                LOG.warn("dashboard request {} could not read the storage", ctx.path(), e);
                error(ctx, 503, "the storage could not be read for " + ctx.path() + "; try again, and if it goes on,"
                        + " the dashboard's log says why");
            });
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                // neither the exception's text nor its stack trace leaves the server (they may name files)
                LOG.warn("dashboard request {} failed", ctx.path(), e);
                error(ctx, 500, "internal error answering " + ctx.path() + "; the dashboard's log says what went wrong");
            });
            cfg.routes.error(404, ctx -> {
                String type = ctx.res().getContentType();
                if (ctx.result() == null || ctx.result().isEmpty() || type == null || !type.startsWith("application/json")) {
                    error(ctx, 404, "not found; the page is at / and the API under /api (see docs/dashboard-api.md)");
                }
            });
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot start the dashboard on " + options.host() + ":" + options.port()
                    + " (" + rootMessage(e) + "); choose another --port, or 0 for any free one", e);
        }
        return new DashboardServer(app, options, token);
    }

    /**
     * Binds (and releases) the address once before Jetty does, so that a busy port or a host that is not
     * this machine's is reported with its fix, and not first logged by the server as a failed start.
     */
    private static void checkBindable(DashboardOptions options) {
        String where = options.host() + ":" + options.port();
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getByName(options.host()), options.port()));
        } catch (BindException e) {
            String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (m.contains("in use")) {
                throw new IllegalStateException("cannot start the dashboard on " + where + ": the port is in use (another"
                        + " dashboard or program listens there); choose another --port, or 0 for any free one", e);
            }
            if (m.contains("assign")) {
                throw new IllegalStateException("cannot start the dashboard on " + where + ": --host " + options.host()
                        + " is not an address of this machine; use 127.0.0.1 (this machine only) or 0.0.0.0 (every"
                        + " interface)", e);
            }
            if (m.contains("permission") || m.contains("denied")) {
                throw new IllegalStateException("cannot start the dashboard on " + where + ": ports below 1024 need"
                        + " administrator rights; choose another --port (1024 to 65535), or 0 for any free one", e);
            }
            throw new IllegalStateException("cannot start the dashboard on " + where + " (" + e.getMessage()
                    + "); choose another --port, or 0 for any free one", e);
        } catch (IOException e) {
            // not a bind problem: let the server's own start report whatever it is
            LOG.debug("probing {} failed", where, e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
    }

    private static void error(Context ctx, int status, String message) {
        var o = Json.object();
        o.put("error", message);
        o.put("status", status);
        ctx.status(status).header("Cache-Control", "no-store").contentType("application/json; charset=utf-8")
                .result(Json.bytes(o));
    }

    /** The bound port (the chosen one when started with port 0). */
    public int port() {
        return app.port();
    }

    /** The access token requests must carry, or null when none is required. */
    public String token() {
        return token;
    }

    /** The options it was started with. */
    public DashboardOptions options() {
        return options;
    }

    /**
     * The address to open in a browser, with {@code ?token=...} when a token is required. For a wildcard
     * bind (0.0.0.0, ::) it names this machine's host name.
     */
    public String url() {
        String host = options.host();
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "localhost";
            }
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port() + "/" + (token != null ? "?token=" + token : "");
    }

    /** Stops the server; the storage is left open (its owner closes it). */
    @Override
    public void close() {
        app.stop();
    }
}
