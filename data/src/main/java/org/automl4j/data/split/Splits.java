package org.automl4j.data.split;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.automl4j.data.LabeledTable;
import org.automl4j.data.Task;

/**
 * Train/test splits of row indices: shuffled holdout and k-fold, and their stratified forms, which
 * keep each class's share in every part (for classification). All are deterministic given the seed
 * ({@link SplittableRandom}); index arrays come back sorted.
 *
 * <p>Stratified splits need at least two rows of every class: a class with a single row cannot be on
 * both sides, and the error names it. In stratified k-fold a class with fewer rows than folds is
 * allowed; some test folds then lack it.
 */
public final class Splits {
    /** Above this many rows {@link #chooseValidation(int, Task)} picks a holdout split. */
    public static final int HOLDOUT_ABOVE_ROWS = 20_000;

    private Splits() {
    }

    /**
     * The validation for a data set of {@code rows} rows: a holdout 80/20 split when there are more
     * than {@link #HOLDOUT_ABOVE_ROWS} rows (the test part alone then has over 4,000 rows, enough for a
     * stable score, and one fit per candidate saves k-1 fits), else 5-fold cross-validation (fewer folds
     * when there are fewer than 5 rows); stratified for classification.
     */
    public static ValidationPlan chooseValidation(int rows, Task task) {
        if (rows < 2) {
            throw new IllegalArgumentException("validation needs at least 2 rows, but there are " + rows);
        }
        boolean stratified = task.isClassification();
        if (rows > HOLDOUT_ABOVE_ROWS) {
            return ValidationPlan.holdout(0.2, stratified);
        }
        return ValidationPlan.kFold(Math.min(5, rows), stratified);
    }

    /** A shuffled holdout split of {@code rows} rows with {@code round(testFraction * rows)} test rows (at least 1). */
    public static Split holdout(int rows, double testFraction, long seed) {
        checkFraction(testFraction);
        if (rows < 2) {
            throw new IllegalArgumentException("a holdout split needs at least 2 rows, but there are " + rows);
        }
        int nTest = (int) Math.min(rows - 1, Math.max(1, Math.round(testFraction * rows)));
        int[] perm = permutation(rows, new SplittableRandom(seed));
        return split(rows, Arrays.copyOf(perm, nTest));
    }

    /** A holdout split of a labeled table: stratified for classification, shuffled for regression. */
    public static Split holdout(LabeledTable data, double testFraction, long seed) {
        return data.task().isClassification() ? stratifiedHoldout(data.labels(), data.classes(), testFraction, seed)
                : holdout(data.rows(), testFraction, seed);
    }

    /**
     * A stratified holdout split: each class puts {@code round(testFraction * count)} rows in the test
     * part, at least one and at most {@code count - 1}.
     *
     * @param labels     the class index of each row
     * @param classNames class names for messages (may be null: classes are then named by index)
     */
    public static Split stratifiedHoldout(int[] labels, List<String> classNames, double testFraction, long seed) {
        checkFraction(testFraction);
        int[][] byClass = byClass(labels, classNames, "a stratified holdout split");
        SplittableRandom random = new SplittableRandom(seed);
        int[] test = new int[labels.length];
        int n = 0;
        for (int[] rows : byClass) {
            if (rows.length == 0) {
                continue;
            }
            shuffle(rows, random);
            int nTest = (int) Math.min(rows.length - 1, Math.max(1, Math.round(testFraction * rows.length)));
            System.arraycopy(rows, 0, test, n, nTest);
            n += nTest;
        }
        return split(labels.length, Arrays.copyOf(test, n));
    }

    /** Shuffled k-fold: fold sizes differ by at most one; every row is in exactly one test fold. */
    public static List<Split> kFold(int rows, int k, long seed) {
        checkFolds(rows, k);
        int[] perm = permutation(rows, new SplittableRandom(seed));
        int[] fold = new int[rows];
        for (int p = 0; p < rows; p++) {
            fold[perm[p]] = p % k;
        }
        return folds(fold, k);
    }

    /** k-fold of a labeled table: stratified for classification, shuffled for regression. */
    public static List<Split> kFold(LabeledTable data, int k, long seed) {
        return data.task().isClassification() ? stratifiedKFold(data.labels(), data.classes(), k, seed)
                : kFold(data.rows(), k, seed);
    }

    /**
     * Stratified k-fold: each class's rows are shuffled and dealt to the folds in turn, continuing
     * from where the previous class stopped, so every fold holds each class's share up to one row and
     * fold sizes differ by at most one. Every row is in exactly one test fold.
     *
     * @param labels     the class index of each row
     * @param classNames class names for messages (may be null)
     */
    public static List<Split> stratifiedKFold(int[] labels, List<String> classNames, int k, long seed) {
        checkFolds(labels.length, k);
        int[][] byClass = byClass(labels, classNames, "stratified k-fold");
        SplittableRandom random = new SplittableRandom(seed);
        int[] fold = new int[labels.length];
        int p = 0;
        for (int[] rows : byClass) {
            shuffle(rows, random);
            for (int r : rows) {
                fold[r] = p++ % k;
            }
        }
        return folds(fold, k);
    }

    private static int[][] byClass(int[] labels, List<String> classNames, String what) {
        int classes = 0;
        for (int l : labels) {
            if (l < 0) {
                throw new IllegalArgumentException("labels must be class indices >= 0, but got " + l);
            }
            classes = Math.max(classes, l + 1);
        }
        int[] counts = new int[classes];
        for (int l : labels) {
            counts[l]++;
        }
        int[][] out = new int[classes][];
        for (int c = 0; c < classes; c++) {
            out[c] = new int[counts[c]];
        }
        int[] fill = new int[classes];
        for (int i = 0; i < labels.length; i++) {
            out[labels[i]][fill[labels[i]]++] = i;
        }
        for (int c = 0; c < classes; c++) {
            if (counts[c] == 1) {
                String name = classNames != null && c < classNames.size() ? "'" + classNames.get(c) + "'" : "" + c;
                throw new IllegalArgumentException("class " + name + " has only 1 example (row " + out[c][0] + "), but "
                        + what + " needs at least 2 of every class so each side can hold one; drop the rows of"
                        + " this class, merge it with a similar class, or use a non-stratified split");
            }
        }
        return out;
    }

    private static List<Split> folds(int[] fold, int k) {
        int[] sizes = new int[k];
        for (int f : fold) {
            sizes[f]++;
        }
        List<Split> out = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            int[] test = new int[sizes[f]];
            int[] train = new int[fold.length - sizes[f]];
            int a = 0;
            int b = 0;
            for (int i = 0; i < fold.length; i++) {
                if (fold[i] == f) {
                    test[a++] = i;
                } else {
                    train[b++] = i;
                }
            }
            out.add(new Split(train, test));
        }
        return List.copyOf(out);
    }

    private static Split split(int rows, int[] test) {
        boolean[] isTest = new boolean[rows];
        for (int t : test) {
            isTest[t] = true;
        }
        int[] train = new int[rows - test.length];
        int[] sortedTest = new int[test.length];
        int a = 0;
        int b = 0;
        for (int i = 0; i < rows; i++) {
            if (isTest[i]) {
                sortedTest[a++] = i;
            } else {
                train[b++] = i;
            }
        }
        return new Split(train, sortedTest);
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p, random);
        return p;
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static void checkFraction(double testFraction) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be strictly between 0 and 1, but got " + testFraction
                    + "; 0.2 is usual");
        }
    }

    private static void checkFolds(int rows, int k) {
        if (k < 2) {
            throw new IllegalArgumentException("k-fold needs k >= 2, but got " + k);
        }
        if (k > rows) {
            throw new IllegalArgumentException("k-fold with k=" + k + " needs at least " + k + " rows, but there are "
                    + rows + "; use fewer folds");
        }
    }
}
