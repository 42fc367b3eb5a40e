package org.automl4j.metagrad.fewshot;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SplittableRandom;
import org.automl4j.metagrad.nn.Loss;

/**
 * N-way K-shot classification over a pool of classes: a task draws {@code ways} distinct classes, numbers
 * them {@code 0..ways-1} in random order, and draws {@code shots} support and {@code queries} query examples
 * per class without replacement. Meta-training and meta-testing use pools with disjoint classes.
 */
public final class ClassificationTasks implements TaskDistribution {
    private static final String[] TRANSFORM_SUFFIX = {"", "@r90", "@r180", "@r270", "@m", "@m+r90", "@m+r180", "@m+r270"};
    private final List<float[][]> pool;
    private final List<String> names;
    private final int ways;
    private final int shots;
    private final int queries;

    /**
     * @param pool    examples of each class (rows of equal length)
     * @param names   a name per class, for messages and result files
     * @throws IllegalArgumentException when the pool has fewer than {@code ways} classes or a class fewer than
     *                                  {@code shots + queries} examples
     */
    public ClassificationTasks(List<float[][]> pool, List<String> names, int ways, int shots, int queries) {
        this.pool = List.copyOf(pool);
        this.names = List.copyOf(names);
        this.ways = ways;
        this.shots = shots;
        this.queries = queries;
        if (ways < 2 || shots < 1 || queries < 1) {
            throw new IllegalArgumentException("N-way K-shot needs N >= 2, K >= 1 and at least one query per class, but got N="
                    + ways + ", K=" + shots + ", queries=" + queries);
        }
        if (pool.size() != names.size()) {
            throw new IllegalArgumentException(pool.size() + " classes but " + names.size() + " names");
        }
        if (pool.size() < ways) {
            throw new IllegalArgumentException(ways + "-way tasks need at least " + ways + " classes, but the pool has "
                    + pool.size() + " " + names);
        }
        for (int c = 0; c < pool.size(); c++) {
            if (pool.get(c).length < shots + queries) {
                throw new IllegalArgumentException("class " + names.get(c) + " has " + pool.get(c).length
                        + " examples, fewer than K + queries = " + (shots + queries));
            }
        }
    }

    /**
     * Tasks over the classes {@code labels} of {@code images}, each label making one class per transform in
     * {@code transforms} ({@link ImageSet#classRows}: 0 = as is, 1-3 quarter turns, 4-7 mirrored and turned;
     * {@code List.of(0, 1, 2, 3)} is the rotation augmentation Santoro et al. and Finn et al. use on Omniglot).
     */
    public static ClassificationTasks of(ImageSet images, Collection<Integer> labels, List<Integer> transforms, int ways,
                                         int shots, int queries) {
        List<float[][]> pool = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int label : labels) {
            if (label < 0 || label >= images.classCount()) {
                throw new IllegalArgumentException("class index " + label + " is not in 0.." + (images.classCount() - 1));
            }
            for (int t : transforms) {
                if (t < 0 || t > 7) {
                    throw new IllegalArgumentException("transform " + t + " is not in 0..7");
                }
                pool.add(images.classRows(label, t));
                names.add(images.classNames().get(label) + TRANSFORM_SUFFIX[t]);
            }
        }
        return new ClassificationTasks(pool, names, ways, shots, queries);
    }

    /** The same pool with other task sizes. */
    public ClassificationTasks with(int newWays, int newShots, int newQueries) {
        return new ClassificationTasks(pool, names, newWays, newShots, newQueries);
    }

    /** Number of classes in the pool. */
    public int classCount() {
        return pool.size();
    }

    /** The class names of the pool. */
    public List<String> classNames() {
        return names;
    }

    /** The examples of pool class {@code c} (shared; do not change). */
    public float[][] classRows(int c) {
        return pool.get(c);
    }

    /** N. */
    public int ways() {
        return ways;
    }

    /** K. */
    public int shots() {
        return shots;
    }

    /** Query examples per class. */
    public int queries() {
        return queries;
    }

    @Override
    public int inputs() {
        return pool.get(0)[0].length;
    }

    @Override
    public int outputs() {
        return ways;
    }

    @Override
    public Loss loss() {
        return Loss.SOFTMAX_CROSS_ENTROPY;
    }

    @Override
    public FewShotTask sample(SplittableRandom rng) {
        int[] classes = choose(rng, pool.size(), ways);
        float[][] sx = new float[ways * shots][];
        float[] sy = new float[ways * shots];
        float[][] qx = new float[ways * queries][];
        float[] qy = new float[ways * queries];
        for (int k = 0; k < ways; k++) {
            float[][] rows = pool.get(classes[k]);
            int[] pick = choose(rng, rows.length, shots + queries);
            for (int i = 0; i < shots; i++) {
                sx[k * shots + i] = rows[pick[i]];
                sy[k * shots + i] = k;
            }
            for (int i = 0; i < queries; i++) {
                qx[k * queries + i] = rows[pick[shots + i]];
                qy[k * queries + i] = k;
            }
        }
        return new FewShotTask(new Examples(sx, sy), new Examples(qx, qy));
    }

    /**
     * One epoch over every example of the pool, shuffled by {@code rng} and cut into minibatches of {@code batch}
     * (labels = class index; a last partial batch is dropped): what a classifier pretrained on the pool sees.
     */
    List<Examples> minibatches(SplittableRandom rng, int batch) {
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < pool.size(); c++) {
            for (float[] r : pool.get(c)) {
                rows.add(r);
                labels.add(c);
            }
        }
        int n = rows.size();
        int[] order = choose(rng, n, n);
        List<Examples> out = new ArrayList<>(n / batch);
        for (int start = 0; start + batch <= n; start += batch) {
            float[][] x = new float[batch][];
            float[] y = new float[batch];
            for (int i = 0; i < batch; i++) {
                x[i] = rows.get(order[start + i]);
                y[i] = labels.get(order[start + i]);
            }
            out.add(new Examples(x, y));
        }
        return out;
    }

    /** {@code k} distinct indices of {@code 0..n-1} in random order (partial Fisher-Yates). */
    static int[] choose(SplittableRandom rng, int n, int k) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(n - i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return java.util.Arrays.copyOf(a, k);
    }

    @Override
    public String describe() {
        return ways + "-way " + shots + "-shot over " + pool.size() + " classes, " + queries + " queries per class";
    }

    @Override
    public String toString() {
        return describe();
    }
}
