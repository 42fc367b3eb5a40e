package org.automl4j.meta.kb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.automl4j.data.LabeledTable;
import org.automl4j.data.Table;

/**
 * Smaller datasets derived from a known one, to widen a knowledge base built from few datasets: each variant keeps
 * a random subset of the rows (stratified by class for classification; between {@code minRows} and
 * {@code maxRows}, drawn log-uniformly so small samples are as common as large ones) and a random subset of at
 * least half of the feature columns. Small samples of a dataset tend to favour simpler pipelines than the whole,
 * so the variants teach the knowledge base how the best pipeline moves with size and width (the rows and columns
 * of a variant are never new data). A variant is named {@code <source>~<i>} and records its source, so that
 * leave-one-dataset-out drops it with the source. Deterministic for a seed.
 */
public final class DatasetVariants {

    /** The fewest rows a variant keeps per class (so that cross-validation has every class in every fold). */
    static final int MIN_PER_CLASS = 5;

    private DatasetVariants() {
    }

    /**
     * One derived dataset.
     *
     * @param name   {@code <source>~<i>}
     * @param source the dataset it was derived from
     * @param data   its rows and columns
     */
    public record Variant(String name, String source, LabeledTable data) {
    }

    /**
     * {@code count} variants of {@code data}.
     *
     * @param minRows the fewest rows of a variant (at most the dataset's own)
     * @param maxRows the most rows of a variant (at most the dataset's own)
     */
    public static List<Variant> of(String source, LabeledTable data, int count, int minRows, int maxRows, long seed) {
        if (count < 0 || minRows < 1 || maxRows < minRows) {
            throw new IllegalArgumentException("need count >= 0 and 1 <= minRows <= maxRows, got " + count + ", "
                    + minRows + ", " + maxRows);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int hi = Math.min(maxRows, data.rows());
        int lo = Math.min(minRows, hi);
        List<Variant> out = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            int n = (int) Math.round(Math.exp(Math.log(lo) + rng.nextDouble() * (Math.log(hi) - Math.log(lo))));
            int[] rows = data.task().isClassification() ? stratified(data.labels(), data.classCount(), n, rng)
                    : sample(data.rows(), n, rng);
            Arrays.sort(rows);
            Table features = data.features();
            int p = features.columnCount();
            int keep = p <= 1 ? p : (p + 1) / 2 + rng.nextInt(p - (p + 1) / 2 + 1);
            List<String> names = new ArrayList<>(features.names());
            shuffle(names, rng);
            List<String> kept = new ArrayList<>(features.names());
            kept.retainAll(names.subList(0, keep)); // the source's column order
            LabeledTable v = new LabeledTable(features.selectColumns(kept), data.target(), data.task(), data.classes(),
                    data.droppedRows())
                    .selectRows(rows);
            out.add(new Variant(source + "~" + i, source, v));
        }
        return out;
    }

    /**
     * About {@code n} rows, each class in proportion but with at least {@link #MIN_PER_CLASS} (or all it has), so
     * that a rare class survives the sample.
     */
    static int[] stratified(int[] labels, int classes, int n, SplittableRandom rng) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int r = 0; r < labels.length; r++) {
            byClass.get(labels[r]).add(r);
        }
        List<Integer> out = new ArrayList<>();
        for (List<Integer> rows : byClass) {
            int want = (int) Math.round((double) n * rows.size() / labels.length);
            want = Math.min(rows.size(), Math.max(want, MIN_PER_CLASS));
            shuffle(rows, rng);
            out.addAll(rows.subList(0, want));
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] sample(int rows, int n, SplittableRandom rng) {
        List<Integer> all = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            all.add(r);
        }
        shuffle(all, rng);
        return all.subList(0, Math.min(n, rows)).stream().mapToInt(Integer::intValue).toArray();
    }

    private static <T> void shuffle(List<T> xs, SplittableRandom rng) {
        for (int i = xs.size() - 1; i > 0; i--) {
            java.util.Collections.swap(xs, i, rng.nextInt(i + 1));
        }
    }
}
