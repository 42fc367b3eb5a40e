package org.automl4j.metagrad.fewshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import org.automl4j.data.Column;
import org.automl4j.data.LabeledTable;
import org.automl4j.data.NumericColumn;
import org.automl4j.data.Table;
import org.automl4j.data.Task;
import org.automl4j.data.io.CsvReader;

/**
 * Labelled examples for few-shot classification, pixel values scaled into {@code [0, 1]} (divided by
 * {@link #scale}'s inverse, the largest raw value). When the features form a square image ({@code side x side}
 * row-major) {@link #rotate} turns them, which is how extra classes are made from rotations.
 *
 * @param side     image side, or 0 when the feature count is not a square
 * @param pixels   one row of scaled features per example
 * @param labels   class index per example, {@code 0..classNames.size()-1}
 * @param classNames the label text of each class index
 * @param scale    the factor raw values were multiplied by (apply it to new raw inputs)
 */
public record ImageSet(int side, float[][] pixels, int[] labels, List<String> classNames, double scale) {

    public ImageSet {
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(labels, "labels");
        classNames = List.copyOf(classNames);
        if (pixels.length != labels.length || pixels.length == 0) {
            throw new IllegalArgumentException("need one label per example and at least one example, got " + pixels.length
                    + " examples and " + labels.length + " labels");
        }
    }

    /**
     * The scikit-learn digits bundled with this module (1797 images, 8x8, grey levels 0-16, CC BY 4.0; see
     * {@code SOURCE.md} beside the file); pixels divided by 16.
     */
    public static ImageSet digits() {
        String name = "digits_8x8.csv.gz";
        try (InputStream raw = ImageSet.class.getResourceAsStream(name)) {
            if (raw == null) {
                throw new IllegalStateException("the bundled " + name + " is missing from the class path; rebuild automl4j-metagrad");
            }
            try (InputStream in = new GZIPInputStream(raw)) {
                return fromTable(new CsvReader().read(in, name), "target");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled " + name, e);
        }
    }

    /**
     * Examples from two IDX files, such as MNIST's {@code t10k-images-idx3-ubyte.gz} and
     * {@code t10k-labels-idx1-ubyte.gz} (read by the data module's {@link org.automl4j.data.images.ImageSet#fromIdx}:
     * 8-bit pixels divided by 255), each image shrunk by {@code pool x pool} average pooling ({@code pool = 2}
     * turns MNIST's 28x28 into 14x14; 1 keeps the images as they are). Classes are named by their label,
     * {@code "0"}, {@code "1"}, ...
     *
     * @throws org.automl4j.data.io.DataFormatException if a file is missing, not IDX, or the two do not match
     * @throws IllegalArgumentException                 if {@code pool} does not divide the image sides
     */
    public static ImageSet fromIdx(Path images, Path labels, int pool) {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(labels, "labels");
        String name = images.getFileName() == null ? images.toString() : images.getFileName().toString();
        return fromImages(org.automl4j.data.images.ImageSet.fromIdx(name, images, labels), pool);
    }

    /**
     * Examples from the data module's image set, each image shrunk by {@code pool x pool} average pooling (1: as
     * is). Its pixels are already in {@code [0, 1]}, so {@link #scale} is 1 (relative to those pixels); {@link #side}
     * is the pooled side for square one-channel images, else 0. Classes are named {@code "0"}, {@code "1"}, ...
     *
     * @throws IllegalArgumentException if {@code pool < 1} or it does not divide the height and width
     */
    public static ImageSet fromImages(org.automl4j.data.images.ImageSet images, int pool) {
        Objects.requireNonNull(images, "images");
        int c = images.channels();
        int h = images.height();
        int w = images.width();
        if (pool < 1 || h % pool != 0 || w % pool != 0) {
            throw new IllegalArgumentException("average pooling by " + pool + " needs a factor >= 1 that divides the "
                    + h + "x" + w + " images of " + images.name() + "; use one of " + divisors(h, w)
                    + " (2 turns 28x28 MNIST into 14x14)");
        }
        float[] all = images.pixels();
        int per = images.pixelsPerImage();
        int n = images.size();
        float[][] x = new float[n][];
        for (int i = 0; i < n; i++) {
            float[] img = java.util.Arrays.copyOfRange(all, i * per, (i + 1) * per);
            x[i] = pool == 1 ? img : averagePool(img, c, h, w, pool);
        }
        List<String> names = new ArrayList<>();
        for (int k = 0; k < images.classCount(); k++) {
            names.add(Integer.toString(k));
        }
        int side = c == 1 && h == w ? h / pool : 0;
        return new ImageSet(side, x, images.labels(), names, 1);
    }

    /**
     * One image (row-major channel, row, column) shrunk by averaging each {@code pool x pool} block of each channel;
     * the result is {@code channels x height/pool x width/pool}.
     *
     * @throws IllegalArgumentException if the sizes disagree or {@code pool} does not divide the sides
     */
    public static float[] averagePool(float[] image, int channels, int height, int width, int pool) {
        if (pool < 1 || height % pool != 0 || width % pool != 0) {
            throw new IllegalArgumentException("pool factor " + pool + " must be >= 1 and divide " + height + "x" + width
                    + "; use one of " + divisors(height, width));
        }
        if (image.length != channels * height * width) {
            throw new IllegalArgumentException("an image of " + channels + "x" + height + "x" + width + " has "
                    + channels * height * width + " values, got " + image.length);
        }
        int ph = height / pool;
        int pw = width / pool;
        float[] out = new float[channels * ph * pw];
        float inv = 1f / (pool * pool);
        for (int ch = 0; ch < channels; ch++) {
            for (int r = 0; r < ph; r++) {
                for (int col = 0; col < pw; col++) {
                    float s = 0;
                    for (int dr = 0; dr < pool; dr++) {
                        int base = (ch * height + r * pool + dr) * width + col * pool;
                        for (int dc = 0; dc < pool; dc++) {
                            s += image[base + dc];
                        }
                    }
                    out[(ch * ph + r) * pw + col] = s * inv;
                }
            }
        }
        return out;
    }

    private static List<Integer> divisors(int h, int w) {
        List<Integer> d = new ArrayList<>();
        for (int k = 1; k <= Math.min(h, w); k++) {
            if (h % k == 0 && w % k == 0) {
                d.add(k);
            }
        }
        return d;
    }

    /**
     * Examples from a table: every column but {@code target} must be numeric (pixels or other features);
     * the target's distinct values become the classes.
     *
     * @throws IllegalArgumentException when the target is missing, not a class label, or a feature is not numeric
     */
    public static ImageSet fromTable(Table table, String target) {
        LabeledTable lt = LabeledTable.of(table, target);
        if (lt.task() == Task.REGRESSION) {
            throw new IllegalArgumentException("column '" + target + "' holds values, not class labels; few-shot"
                    + " classification needs a class column");
        }
        Table f = lt.features();
        int d = f.columnCount();
        int n = lt.rows();
        float[][] x = new float[n][d];
        double max = 0;
        for (int j = 0; j < d; j++) {
            Column c = f.column(j);
            if (!(c instanceof NumericColumn num)) {
                throw new IllegalArgumentException("feature column '" + c.name() + "' is not numeric; image CSVs hold"
                        + " numbers only besides the '" + target + "' column");
            }
            for (int i = 0; i < n; i++) {
                double v = num.get(i);
                if (Double.isNaN(v)) {
                    throw new IllegalArgumentException("feature column '" + c.name() + "' has a missing value in data row "
                            + (i + 1) + "; fill or drop it first");
                }
                x[i][j] = (float) v;
                max = Math.max(max, Math.abs(v));
            }
        }
        double scale = max == 0 ? 1 : 1 / max;
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) (row[j] * scale);
            }
        }
        int side = (int) Math.round(Math.sqrt(d));
        return new ImageSet(side * side == d ? side : 0, x, lt.labels(), lt.classes(), scale);
    }

    /** Number of classes. */
    public int classCount() {
        return classNames.size();
    }

    /** Features per example. */
    public int features() {
        return pixels[0].length;
    }

    /**
     * The scaled rows of class {@code label} under one of the 8 symmetries of the square: {@code transform}
     * {@code 0..3} turns the image that many quarter turns clockwise, {@code 4..7} mirrors it left-right first.
     */
    public float[][] classRows(int label, int transform) {
        if (transform < 0 || transform > 7) {
            throw new IllegalArgumentException("transform must be in 0..7 (0-3 quarter turns, 4-7 mirrored and turned), got "
                    + transform);
        }
        if (transform != 0 && side == 0) {
            throw new IllegalArgumentException("rotations and mirroring need square images, but rows have " + features()
                    + " features");
        }
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == label) {
                float[] img = transform >= 4 ? mirror(pixels[i], side) : pixels[i];
                rows.add(rotate(img, side, transform % 4));
            }
        }
        return rows.toArray(new float[0][]);
    }

    /** A square row-major image mirrored left-right (a new array). */
    public static float[] mirror(float[] image, int side) {
        float[] out = new float[image.length];
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                out[r * side + c] = image[r * side + (side - 1 - c)];
            }
        }
        return out;
    }

    /** A square row-major image turned {@code quarterTurns} times 90 degrees clockwise (a new array). */
    public static float[] rotate(float[] image, int side, int quarterTurns) {
        float[] out = image.clone();
        for (int t = 0; t < Math.floorMod(quarterTurns, 4); t++) {
            float[] next = new float[out.length];
            for (int r = 0; r < side; r++) {
                for (int c = 0; c < side; c++) {
                    next[c * side + (side - 1 - r)] = out[r * side + c];
                }
            }
            out = next;
        }
        return out;
    }

    /** Index of the class whose label text is {@code name}. */
    public int classIndex(String name) {
        int i = classNames.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no class '" + name + "'; the classes are " + classNames);
        }
        return i;
    }
}
