package org.automl4j.sampler;

/**
 * Supplies the sampler a study gets when the user names none. Found with {@link java.util.ServiceLoader}
 * (read-only discovery): with the {@code automl4j-samplers} module on the class path it is the automatic
 * sampler; with core alone, TPE. Implementations must be stateless.
 */
public interface DefaultSamplerProvider {

    /** A new default sampler with {@code seed}. */
    Sampler create(long seed);

    /** The default sampler: the first provider found on the class path, else {@code Samplers.tpe(seed)}. */
    static Sampler defaultSampler(long seed) {
        for (DefaultSamplerProvider p : java.util.ServiceLoader.load(DefaultSamplerProvider.class,
                DefaultSamplerProvider.class.getClassLoader())) {
            return p.create(seed);
        }
        return Samplers.tpe(seed);
    }
}
