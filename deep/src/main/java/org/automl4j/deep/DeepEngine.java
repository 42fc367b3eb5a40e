package org.automl4j.deep;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The deep-learning engine automl4j trains networks on: Deep Java Library with PyTorch, configured to run
 * fully offline. {@link #start()} points DJL at a cache folder automl4j owns (the native library, about
 * 430 MB, is unpacked there from the {@code pytorch-native-cpu} jar on first use) and never downloads.
 *
 * <p>The cache folder is, in order: the system property {@code automl4j.djl.cache}, the environment
 * variable {@code AUTOML4J_DJL_CACHE}, else {@code ~/.cache/automl4j/djl}. DJL reads its settings from JVM
 * system properties, so {@code start()} sets {@code ai.djl.offline}, {@code DJL_CACHE_DIR} and
 * {@code ENGINE_CACHE_DIR} where the user has not set them already; those are process-wide by DJL's design.
 * Networks run on the first GPU when the engine sees one, else on the CPU.
 */
public final class DeepEngine {

    /** The engine's name in DJL. */
    public static final String ENGINE_NAME = "PyTorch";

    private final Engine engine;
    private final Device device;
    private final Path cacheDir;

    private DeepEngine(Engine engine, Device device, Path cacheDir) {
        this.engine = engine;
        this.device = device;
        this.cacheDir = cacheDir;
    }

    /**
     * Configures DJL for offline use and loads the PyTorch engine (seconds the first time in a process, then
     * immediate).
     *
     * @throws DeepEngineException when the native library cannot be found or loaded, with what to check
     */
    public static DeepEngine start() {
        Path cache = cacheDir();
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("DJL_CACHE_DIR", cache.toString());
        setIfAbsent("ENGINE_CACHE_DIR", cache.toString());
        // DJL prints a warning and looks online when it thinks a newer native build exists; pin the one we ship.
        setIfAbsent("PYTORCH_VERSION", "2.7.1");
        try {
            Files.createDirectories(cache);
        } catch (java.io.IOException e) {
            throw new DeepEngineException("cannot create the deep-learning cache folder " + cache
                    + ": " + e.getMessage() + "; set -Dautoml4j.djl.cache=DIR or AUTOML4J_DJL_CACHE to a writable folder", e);
        }
        Engine engine;
        try {
            engine = Engine.getEngine(ENGINE_NAME);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new DeepEngineException("the PyTorch engine did not load (cache folder " + cache + "): " + e.getMessage()
                    + "; check that ai.djl.pytorch:pytorch-native-cpu:2.7.1:linux-x86_64 and pytorch-jni are on the"
                    + " class path and that the cache folder has about 500 MB free", e);
        }
        Device device = engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
        return new DeepEngine(engine, device, cache);
    }

    static Path cacheDir() {
        String p = System.getProperty("automl4j.djl.cache");
        if (p == null || p.isBlank()) {
            p = System.getenv("AUTOML4J_DJL_CACHE");
        }
        if (p == null || p.isBlank()) {
            return Path.of(System.getProperty("user.home"), ".cache", "automl4j", "djl");
        }
        return Path.of(p);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null && System.getenv(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** The DJL engine. */
    public Engine engine() {
        return engine;
    }

    /** Where networks run: the first GPU if there is one, else the CPU. */
    public Device device() {
        return device;
    }

    /** The cache folder holding the unpacked native library. */
    public Path cacheFolder() {
        return cacheDir;
    }

    /** A new root manager on {@link #device()}; close it to free its arrays. */
    public NDManager newManager() {
        return NDManager.newBaseManager(device, ENGINE_NAME);
    }

    /**
     * Seeds the engine's random number generator (weight initialisation, dropout). The engine has one
     * generator per process: seed it right before building and training a network, from one thread.
     */
    public void seed(long seed) {
        engine.setRandomSeed((int) (seed ^ (seed >>> 32)));
    }

    /** Engine, version and device in one line, for logs and benchmark records. */
    public String describe() {
        return ENGINE_NAME + " " + engine.getVersion() + " via DJL " + Engine.getDjlVersion() + " on " + device;
    }

    @Override
    public String toString() {
        return describe();
    }

}
