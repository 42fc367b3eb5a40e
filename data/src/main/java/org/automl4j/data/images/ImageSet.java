package org.automl4j.data.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.automl4j.data.Column;
import org.automl4j.data.LabeledTable;
import org.automl4j.data.NumericColumn;
import org.automl4j.data.Table;
import org.automl4j.data.Task;
import org.automl4j.data.examples.Examples;
import org.automl4j.data.io.DataFormatException;
import org.automl4j.data.io.IdxReader;
import org.automl4j.data.split.Split;
import org.automl4j.data.split.Splits;

/**
 * A labelled image-classification data set: {@code size()} images of {@code channels x height x width}
 * pixels scaled to [0, 1], stored row-major (image, channel, row, column) in one float array, and a class
 * index in {@code [0, classCount)} per image. Immutable: accessors return copies, {@link #subset} and
 * {@link #split} build new sets.
 */
public final class ImageSet {
    private static final Pattern PIXEL = Pattern.compile("pixel_(\\d+)_(\\d+)");

    private final String name;
    private final float[] pixels;
    private final int[] labels;
    private final int channels;
    private final int height;
    private final int width;
    private final int classCount;

    /**
     * A set from its arrays (copied).
     *
     * @param name       for messages and records, e.g. {@code "mnist-10k"}
     * @param pixels     {@code labels.length * channels * height * width} values in [0, 1]
     * @param labels     class index of each image, in {@code [0, classCount)}
     * @param classCount the number of classes, at least 2
     * @throws IllegalArgumentException if the sizes disagree, a pixel is outside [0, 1] or a label out of range
     */
    public ImageSet(String name, float[] pixels, int channels, int height, int width, int[] labels, int classCount) {
        this(name, pixels.clone(), labels.clone(), channels, height, width, classCount);
    }

    private ImageSet(String name, float[] pixels, int[] labels, int channels, int height, int width, int classCount) {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image shape must be positive, got " + channels + "x" + height + "x" + width);
        }
        if (classCount < 2) {
            throw new IllegalArgumentException("an image classification set needs at least 2 classes, got " + classCount);
        }
        long per = (long) channels * height * width;
        if (per * labels.length != pixels.length) {
            throw new IllegalArgumentException(labels.length + " images of " + channels + "x" + height + "x" + width
                    + " need " + per * labels.length + " pixel values, got " + pixels.length);
        }
        for (int i = 0; i < pixels.length; i++) {
            if (!(pixels[i] >= 0 && pixels[i] <= 1)) {
                throw new IllegalArgumentException("pixel " + i + " of " + name + " is " + pixels[i]
                        + "; pixels must be scaled to [0, 1]");
            }
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classCount) {
                throw new IllegalArgumentException("label of image " + i + " is " + labels[i] + ", outside [0, "
                        + classCount + ")");
            }
        }
        this.name = name;
        this.pixels = pixels;
        this.labels = labels;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.classCount = classCount;
    }

    /**
     * The 8x8 digits bundled with automl4j (scikit-learn's copy of the UCI optical digits test part, CC BY
     * 4.0): 1,797 grey images, levels 0..16 scaled to [0, 1], classes 0..9.
     */
    public static ImageSet digits() {
        return fromTable("digits-8x8", Examples.digits(), Examples.DIGITS_TARGET, 16);
    }

    /**
     * Images from a table with one numeric column per pixel and a target column of integer class labels
     * {@code 0..k-1}. The shape comes from column names {@code pixel_<row>_<col>} when every feature has one,
     * else the feature count must be a square. Pixels are divided by {@code maxValue} (16 for the digits, 255
     * for 8-bit images).
     *
     * @throws DataFormatException if a pixel is missing or out of range, a label is not an integer class, or
     *                             the shape cannot be inferred; the message says how to fix it
     */
    public static ImageSet fromTable(String name, Table table, String target, double maxValue) {
        if (!(maxValue > 0)) {
            throw new IllegalArgumentException("maxValue must be positive, got " + maxValue);
        }
        Column y = table.column(target);
        List<Column> features = new ArrayList<>();
        for (Column c : table.columns()) {
            if (!c.name().equals(target)) {
                features.add(c);
            }
        }
        int[] hw = shapeOf(name, features);
        int n = table.rowCount();
        int per = hw[0] * hw[1];
        float[] px = new float[n * per];
        for (int f = 0; f < features.size(); f++) {
            if (!(features.get(f) instanceof NumericColumn col)) {
                throw new DataFormatException(name, 0, features.get(f).name(), "pixel columns must be numeric");
            }
            int pos = position(features.get(f).name(), f, hw[1]);
            for (int i = 0; i < n; i++) {
                double v = col.get(i);
                if (!(v >= 0 && v <= maxValue)) {
                    throw new DataFormatException(name, i + 2, col.name(), "pixel value " + v + " is outside [0, "
                            + maxValue + "]; give the right maximum pixel value (16 for the 8x8 digits, 255 for 8-bit)");
                }
                px[i * per + pos] = (float) (v / maxValue);
            }
        }
        int[] labels = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            double v = y instanceof NumericColumn nc ? nc.get(i) : parse(y.text(i));
            if (!(v >= 0 && v == Math.rint(v) && v < 10_000)) {
                throw new DataFormatException(name, i + 2, target, "the label '" + y.text(i)
                        + "' is not a class index 0, 1, 2, ...; image labels must be integers from 0");
            }
            labels[i] = (int) v;
            k = Math.max(k, labels[i] + 1);
        }
        requireTwoClasses(name, target, labels);
        return new ImageSet(name, px, labels, 1, hw[0], hw[1], Math.max(k, 2));
    }

    private static double parse(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException | NullPointerException e) {
            return Double.NaN;
        }
    }

    private static int[] shapeOf(String name, List<Column> features) {
        int rows = 0;
        int cols = 0;
        boolean named = true;
        for (Column c : features) {
            Matcher m = PIXEL.matcher(c.name());
            if (!m.matches()) {
                named = false;
                break;
            }
            rows = Math.max(rows, Integer.parseInt(m.group(1)) + 1);
            cols = Math.max(cols, Integer.parseInt(m.group(2)) + 1);
        }
        if (named && rows * cols == features.size()) {
            return new int[] {rows, cols};
        }
        int side = (int) Math.round(Math.sqrt(features.size()));
        if (side * side != features.size()) {
            throw new DataFormatException(name, 0, null, features.size() + " pixel columns are not a square image;"
                    + " name them pixel_<row>_<col> so the shape is known");
        }
        return new int[] {side, side};
    }

    private static int position(String column, int index, int width) {
        Matcher m = PIXEL.matcher(column);
        return m.matches() ? Integer.parseInt(m.group(1)) * width + Integer.parseInt(m.group(2)) : index;
    }

    /**
     * Images and labels from two IDX files (e.g. MNIST's {@code t10k-images-idx3-ubyte.gz} and
     * {@code t10k-labels-idx1-ubyte.gz}); 8-bit pixels are divided by 255.
     *
     * @throws DataFormatException if the files do not match (counts, types) or are not IDX
     */
    public static ImageSet fromIdx(String name, Path images, Path labels) {
        IdxReader.IdxArray img = IdxReader.read(images);
        IdxReader.IdxArray lab = IdxReader.read(labels);
        int[] s = img.shape();
        if (s.length != 3 && s.length != 4) {
            throw new DataFormatException(images.toString(), 0, null, "images need 3 dimensions (count, rows,"
                    + " columns) or 4 (count, channels, rows, columns), got " + Arrays.toString(s)
                    + "; is this the labels file?");
        }
        if (lab.shape().length != 1) {
            throw new DataFormatException(labels.toString(), 0, null, "labels need 1 dimension, got "
                    + Arrays.toString(lab.shape()) + "; is this the images file?");
        }
        if (lab.count() != img.count()) {
            throw new DataFormatException(labels.toString(), 0, null, lab.count() + " labels for " + img.count()
                    + " images in " + images + "; pick the labels file of the same split");
        }
        float scale = img.typeCode() == 0x08 ? 255f : 1f;
        float[] px = img.values().clone();
        for (int i = 0; i < px.length; i++) {
            px[i] /= scale;
            if (!(px[i] >= 0 && px[i] <= 1)) {
                throw new DataFormatException(images.toString(), 0, null, "pixel " + i + " is " + px[i] * scale
                        + "; non-byte IDX images must hold values in [0, 1]");
            }
        }
        int[] y = new int[lab.count()];
        int k = 0;
        for (int i = 0; i < y.length; i++) {
            float v = lab.values()[i];
            if (!(v >= 0 && v == Math.rint(v))) {
                throw new DataFormatException(labels.toString(), 0, null, "label " + i + " is " + v
                        + "; labels must be class indices 0, 1, 2, ...");
            }
            y[i] = (int) v;
            k = Math.max(k, y[i] + 1);
        }
        int c = s.length == 4 ? s[1] : 1;
        return new ImageSet(name, px, y, c, s[s.length - 2], s[s.length - 1], Math.max(k, 2));
    }

    /**
     * The images of an MNIST-style folder: every {@code <prefix>-images-idx3-ubyte[.gz]} with its
     * {@code <prefix>-labels-idx1-ubyte[.gz]}, concatenated in name order ({@code t10k} before {@code train}).
     *
     * @throws DataFormatException if the folder holds no such pair, an images file lacks its labels, or two
     *                             images files hold images of different sizes
     */
    public static ImageSet fromIdxFolder(Path folder) {
        List<Path> images;
        try (Stream<Path> files = Files.list(folder)) {
            images = files.filter(p -> p.getFileName().toString().matches(".*-images-idx\\d-ubyte(\\.gz)?")).sorted().toList();
        } catch (IOException e) {
            throw new DataFormatException(folder.toString(), 0, null, "cannot list the folder: " + e.getMessage()
                    + "; give a folder holding t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz", e);
        }
        if (images.isEmpty()) {
            throw new DataFormatException(folder.toString(), 0, null, "no *-images-idx3-ubyte[.gz] file here; give a"
                    + " folder holding e.g. t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz");
        }
        List<ImageSet> parts = new ArrayList<>();
        for (Path img : images) {
            String f = img.getFileName().toString();
            String prefix = f.substring(0, f.indexOf("-images-"));
            Path lab = null;
            for (String cand : List.of(prefix + "-labels-idx1-ubyte.gz", prefix + "-labels-idx1-ubyte")) {
                if (Files.exists(folder.resolve(cand))) {
                    lab = folder.resolve(cand);
                    break;
                }
            }
            if (lab == null) {
                throw new DataFormatException(img.toString(), 0, null, "no labels file " + prefix
                        + "-labels-idx1-ubyte[.gz] beside it");
            }
            parts.add(fromIdx(prefix, img, lab));
        }
        ImageSet all = parts.get(0);
        for (int i = 1; i < parts.size(); i++) {
            ImageSet next = parts.get(i);
            if (!next.shape().equals(all.shape())) {
                throw new DataFormatException(images.get(i).toString(), 0, null, "its images are " + next.shape()
                        + " but those of " + images.get(0).getFileName() + " are " + all.shape() + "; every IDX file"
                        + " in the folder is read as one data set, so keep only images of one size in it");
            }
            all = all.concat(next);
        }
        requireTwoClasses(folder.toString(), null, all.labels);
        return all.renamed(folder.getFileName() == null ? "idx" : folder.getFileName().toString());
    }

    /** Refuses labels of a single class: nothing for a classifier to tell apart (and accuracy would be meaningless). */
    private static void requireTwoClasses(String source, String column, int[] labels) {
        if (labels.length > 0 && Arrays.stream(labels).allMatch(l -> l == labels[0])) {
            throw new DataFormatException(source, 0, column, "every image has label " + labels[0] + " (" + labels.length
                    + " images); an image classifier needs at least two classes: check the labels or the rows kept");
        }
    }

    private ImageSet renamed(String newName) {
        return new ImageSet(newName, pixels, labels, channels, height, width, classCount);
    }

    /** This set followed by {@code other} (same image shape). */
    public ImageSet concat(ImageSet other) {
        if (other.channels != channels || other.height != height || other.width != width) {
            throw new IllegalArgumentException("cannot join " + shape() + " images with " + other.shape() + " images");
        }
        float[] px = Arrays.copyOf(pixels, pixels.length + other.pixels.length);
        System.arraycopy(other.pixels, 0, px, pixels.length, other.pixels.length);
        int[] y = Arrays.copyOf(labels, labels.length + other.labels.length);
        System.arraycopy(other.labels, 0, y, labels.length, other.labels.length);
        return new ImageSet(name + "+" + other.name, px, y, channels, height, width, Math.max(classCount, other.classCount));
    }

    /** The images at {@code rows}, in that order. */
    public ImageSet subset(int[] rows) {
        int per = pixelsPerImage();
        float[] px = new float[rows.length * per];
        int[] y = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(pixels, rows[i] * per, px, i * per, per);
            y[i] = labels[rows[i]];
        }
        return new ImageSet(name, px, y, channels, height, width, classCount);
    }

    /**
     * Train and test parts of a seeded stratified split (each class puts {@code round(testFraction * count)}
     * images in the test part); deterministic for a seed.
     */
    public TrainTest split(double testFraction, long seed) {
        Split s = Splits.stratifiedHoldout(labels, null, testFraction, seed);
        return new TrainTest(subset(s.train()), subset(s.test()));
    }

    /**
     * A seeded stratified subset holding about {@code fraction} of the images of each class (at least one
     * per class present); the whole set when {@code fraction >= 1}.
     */
    public ImageSet stratifiedFraction(double fraction, long seed) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
        }
        if (fraction >= 1) {
            return this;
        }
        int[][] byClass = new int[classCount][];
        int[] counts = classCounts();
        for (int k = 0; k < classCount; k++) {
            byClass[k] = new int[counts[k]];
        }
        int[] fill = new int[classCount];
        for (int i = 0; i < labels.length; i++) {
            byClass[labels[i]][fill[labels[i]]++] = i;
        }
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        List<Integer> keep = new ArrayList<>();
        for (int[] rows : byClass) {
            if (rows.length == 0) {
                continue;
            }
            for (int i = rows.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = rows[i];
                rows[i] = rows[j];
                rows[j] = t;
            }
            int m = (int) Math.max(1, Math.round(fraction * rows.length));
            for (int i = 0; i < m; i++) {
                keep.add(rows[i]);
            }
        }
        return subset(keep.stream().mapToInt(Integer::intValue).sorted().toArray());
    }

    /**
     * The set as a labelled table (one numeric column {@code pixel_<row>_<col>} per pixel, channel-major
     * with a {@code c<channel>_} prefix when there are several channels, and a categorical target), for
     * the tabular learners and chain-MLP search.
     */
    public LabeledTable toLabeledTable(String target) {
        int per = pixelsPerImage();
        List<Column> cols = new ArrayList<>();
        for (int p = 0; p < per; p++) {
            int c = p / (height * width);
            int r = (p / width) % height;
            int col = p % width;
            double[] v = new double[size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = pixels[i * per + p];
            }
            cols.add(new NumericColumn((channels > 1 ? "c" + c + "_" : "") + "pixel_" + r + "_" + col, v));
        }
        String[] y = new String[size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = Integer.toString(labels[i]);
        }
        cols.add(org.automl4j.data.CategoricalColumn.of(target, Arrays.asList(y)));
        return LabeledTable.of(new Table(cols), target, Task.MULTICLASS);
    }

    /** The name given when read (file or example name). */
    public String name() {
        return name;
    }

    /** Number of images. */
    public int size() {
        return labels.length;
    }

    /** Channels per image (1 for grey). */
    public int channels() {
        return channels;
    }

    /** Image height in pixels. */
    public int height() {
        return height;
    }

    /** Image width in pixels. */
    public int width() {
        return width;
    }

    /** {@code channels * height * width}. */
    public int pixelsPerImage() {
        return channels * height * width;
    }

    /** Number of classes. */
    public int classCount() {
        return classCount;
    }

    /** A copy of the pixels, row-major (image, channel, row, column). */
    public float[] pixels() {
        return pixels.clone();
    }

    /** A copy of the class index of each image. */
    public int[] labels() {
        return labels.clone();
    }

    /** The class index of image {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** The pixels of image {@code i} (a copy). */
    public float[] image(int i) {
        int per = pixelsPerImage();
        return Arrays.copyOfRange(pixels, i * per, (i + 1) * per);
    }

    /** How many images each class has. */
    public int[] classCounts() {
        int[] c = new int[classCount];
        for (int l : labels) {
            c[l]++;
        }
        return c;
    }

    /** {@code CxHxW}. */
    public String shape() {
        return channels + "x" + height + "x" + width;
    }

    @Override
    public String toString() {
        return name + ": " + size() + " images " + shape() + ", " + classCount + " classes";
    }

    /**
     * A split into a training and a test set.
     *
     * @param train the images to train (and validate) on
     * @param test  the held-out images
     */
    public record TrainTest(ImageSet train, ImageSet test) {
    }
}
