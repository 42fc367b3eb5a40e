package org.automl4j.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's static files: a fixed list of URL paths, each mapped to one class-path resource (the
 * page, its script and style, and the charting libraries from their WebJars). Nothing else is ever
 * served, so no request path can reach another file.
 */
final class StaticAssets {

    /** ECharts' WebJar version (org.webjars:echarts). */
    static final String ECHARTS_VERSION = "5.5.0";
    /** viz.js' WebJar version (org.webjars.npm:viz.js). */
    static final String VIZ_VERSION = "2.1.2";

    private static final String OWN = "org/automl4j/dashboard/static/";

    /**
     * An asset.
     *
     * @param resource    its class-path resource
     * @param contentType its media type
     * @param immutable   whether browsers may cache it for a day (the libraries; the page's own files are
     *                    revalidated so an upgrade shows at once)
     */
    record Asset(String resource, String contentType, boolean immutable) {
    }

    static final Map<String, Asset> ASSETS;

    static {
        Map<String, Asset> m = new LinkedHashMap<>();
        m.put("/", new Asset(OWN + "index.html", "text/html; charset=utf-8", false));
        m.put("/static/app.js", new Asset(OWN + "app.js", "text/javascript; charset=utf-8", false));
        m.put("/static/app.css", new Asset(OWN + "app.css", "text/css; charset=utf-8", false));
        m.put("/static/vendor/echarts.min.js", new Asset("META-INF/resources/webjars/echarts/" + ECHARTS_VERSION
                + "/echarts.min.js", "text/javascript; charset=utf-8", true));
        m.put("/static/vendor/viz.js", new Asset("META-INF/resources/webjars/viz.js/" + VIZ_VERSION + "/viz.js",
                "text/javascript; charset=utf-8", true));
        m.put("/static/vendor/full.render.js", new Asset("META-INF/resources/webjars/viz.js/" + VIZ_VERSION
                + "/full.render.js", "text/javascript; charset=utf-8", true));
        ASSETS = java.util.Collections.unmodifiableMap(m);
    }

    private final Map<String, byte[]> loaded = new ConcurrentHashMap<>();

    /** The bytes of the asset at URL path {@code path}, read once from the class path. */
    byte[] bytes(String path) {
        Asset a = ASSETS.get(path);
        if (a == null) {
            throw new IllegalArgumentException("not a dashboard asset: " + path);
        }
        return loaded.computeIfAbsent(path, p -> read(a.resource()));
    }

    /** A class-path resource's bytes. */
    static byte[] read(String resource) {
        try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard's resource " + resource + " is missing from the class"
                        + " path; rebuild automl4j (mvn -pl dashboard package)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
