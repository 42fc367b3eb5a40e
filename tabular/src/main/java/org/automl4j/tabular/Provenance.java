package org.automl4j.tabular;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.automl4j.data.Column;
import org.automl4j.data.LabeledTable;

/**
 * Where a model came from: when and by which versions it was made, from which data (a SHA-256
 * fingerprint of the training table's cells), with which seed and time limit.
 *
 * @param created          when the fit finished
 * @param automl4jVersion  the library version
 * @param javaVersion      the Java runtime version
 * @param dataFingerprint  SHA-256 of the training table (column names, then each cell as text, target included)
 * @param rows             training rows
 * @param seed             the fit's seed
 * @param timeLimitSeconds the fit's time limit
 * @param fitSeconds       how long the fit took
 */
public record Provenance(Instant created, String automl4jVersion, String javaVersion, String dataFingerprint,
        int rows, long seed, double timeLimitSeconds, double fitSeconds) {

    /** The version of this build. */
    public static final String VERSION = "0.1.0-SNAPSHOT";

    static Provenance of(LabeledTable data, AutoMLOptions options, double seconds) {
        return new Provenance(Instant.now(), VERSION, System.getProperty("java.version"), fingerprint(data),
                data.rows(), options.seed(), AutoML.timeLimit(options).toMillis() / 1000.0, seconds);
    }

    /** SHA-256 over the column names and every cell's text, features then target. */
    static String fingerprint(LabeledTable data) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Column c : data.features().columns()) {
                update(md, c);
            }
            update(md, data.target());
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void update(MessageDigest md, Column c) {
        md.update(c.name().getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        for (int i = 0; i < c.size(); i++) {
            md.update(c.text(i).getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0x1f);
        }
        md.update((byte) 0x1e);
    }
}
