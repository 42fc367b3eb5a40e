package org.automl4j.data.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.automl4j.data.Table;
import org.automl4j.data.io.CsvReader;

/** Small data sets shipped inside the jar, for examples and first runs. */
public final class Examples {
    /** The target column of {@link #iris()}. */
    public static final String IRIS_TARGET = "target";
    /** The target column of {@link #digits()}. */
    public static final String DIGITS_TARGET = "target";

    private Examples() {
    }

    /**
     * Fisher's Iris data: 150 rows, four numeric features in centimetres, and the species in column
     * {@value #IRIS_TARGET} (setosa, versicolor, virginica; 50 each). CC BY 4.0, UCI via
     * scikit-learn; see {@code SOURCE.md} beside the file.
     */
    public static Table iris() {
        return read("iris.csv");
    }

    /**
     * The 8x8 handwritten digits: 1,797 rows, 64 integer pixel columns {@code pixel_<row>_<col>} (grey levels
     * 0..16, row-major) and the digit 0..9 in column {@value #DIGITS_TARGET}. UCI <i>Optical Recognition of
     * Handwritten Digits</i> (test part, CC BY 4.0) as shipped by scikit-learn ({@code load_digits}, BSD-3);
     * see {@code SOURCE.md} beside the file. {@code org.automl4j.data.images.ImageSet.digits()} gives it as images.
     */
    public static Table digits() {
        return read("digits_8x8.csv");
    }

    private static Table read(String name) {
        try (InputStream in = Examples.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("example data " + name + " is missing from the jar");
            }
            return new CsvReader().read(in, "classpath:org/automl4j/data/examples/" + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
