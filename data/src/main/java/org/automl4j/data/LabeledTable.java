package org.automl4j.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A table split into features and a target column, with the task and (for classification) the
 * classes. Build with {@link #of(Table, String)} (task inferred) or {@link #of(Table, String, Task)}.
 *
 * <p>Rows whose target is missing are <b>dropped</b> (as H2O and auto-sklearn do): they cannot be
 * trained or scored on; {@link #droppedRows()} says how many, so callers can warn. Classes are the
 * target's levels that occur, in level order (for an ARFF nominal target: the declared order), or, for
 * a numeric target treated as classes, the distinct values in ascending order as text ({@code "0"},
 * {@code "1"}).
 *
 * @param features    the feature columns (every column but the target), rows with a missing target removed
 * @param target      the target column, same rows
 * @param task        binary, multiclass or regression
 * @param classes     class labels by index (empty for regression)
 * @param droppedRows how many rows were removed because their target was missing
 */
public record LabeledTable(Table features, Column target, Task task, List<String> classes, int droppedRows) {

    /** At most this many distinct integer values make a numeric target a classification target. */
    public static final int MAX_INTEGER_CLASSES = 10;

    /** Validates the parts. */
    public LabeledTable {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(task, "task");
        classes = List.copyOf(classes);
        if (features.columnCount() > 0 && features.rowCount() != target.size()) {
            throw new IllegalArgumentException("features have " + features.rowCount() + " rows but the target has "
                    + target.size());
        }
        if (features.find(target.name()).isPresent()) {
            throw new IllegalArgumentException("the target '" + target.name() + "' is also a feature column; drop it"
                    + " from the features");
        }
        if (task.isClassification() && classes.size() < 2) {
            throw new IllegalArgumentException("a " + task + " target needs at least two classes, but got " + classes);
        }
        if (task == Task.BINARY && classes.size() != 2) {
            throw new IllegalArgumentException("a BINARY target needs exactly two classes, but got " + classes);
        }
        if (!task.isClassification() && !classes.isEmpty()) {
            throw new IllegalArgumentException("a REGRESSION target has no classes, but got " + classes);
        }
    }

    /** The table with target {@code targetName}, task inferred by {@link #inferTask(Column)}. */
    public static LabeledTable of(Table table, String targetName) {
        return of(table, targetName, null);
    }

    /**
     * The table with target {@code targetName} and the given task ({@code null}: infer it).
     *
     * @throws IllegalArgumentException naming the columns when there is no such column, and when the
     *                                  target cannot serve the task (every value missing, one class or
     *                                  constant, a categorical target for regression, a class count that
     *                                  does not fit BINARY or MULTICLASS)
     */
    public static LabeledTable of(Table table, String targetName, Task task) {
        Column target = table.find(targetName).orElseThrow(() -> new IllegalArgumentException("there is no target"
                + " column '" + targetName + "'; the columns are " + table.names() + ": name one of them as the"
                + " target"));
        int dropped = target.missingCount();
        if (dropped == target.size()) {
            throw new IllegalArgumentException("every value of the target '" + targetName + "' is missing ("
                    + target.size() + " rows); check the column name and the missing-value markers");
        }
        Table features = table.dropColumns(Set.of(targetName));
        if (dropped > 0) {
            int[] keep = new int[target.size() - dropped];
            for (int i = 0, k = 0; i < target.size(); i++) {
                if (!target.isMissing(i)) {
                    keep[k++] = i;
                }
            }
            target = target.select(keep);
            features = features.selectRows(keep);
        }
        if (task == null) {
            task = inferTask(target);
        }
        List<String> classes = task.isClassification() ? classesOf(target) : List.of();
        String name = "the target '" + targetName + "'";
        if (task == Task.REGRESSION) {
            if (!(target instanceof NumericColumn)) {
                throw new IllegalArgumentException(name + " is " + target.type() + " (levels "
                        + limit(classesOf(target)) + ") but REGRESSION was requested; regression needs a numeric"
                        + " target: use BINARY or MULTICLASS, or fix the values that are not numbers");
            }
            NumericColumn n = (NumericColumn) target;
            double first = n.get(0);
            boolean constant = true;
            for (int i = 1; i < n.size() && constant; i++) {
                constant = n.get(i) == first;
            }
            if (constant) {
                throw new IllegalArgumentException(name + " is constant (every value is " + n.text(0)
                        + "); there is nothing to learn: check the target column");
            }
        } else if (classes.size() < 2) {
            throw new IllegalArgumentException(name + " has a single class '" + classes.get(0) + "' (" + target.size()
                    + " rows); a classifier needs at least two classes: check the target column or the rows kept");
        } else if (task == Task.BINARY && classes.size() > 2) {
            throw new IllegalArgumentException(name + " has " + classes.size() + " classes " + limit(classes)
                    + " but BINARY was requested; use MULTICLASS, or merge classes first");
        } else if (task == Task.MULTICLASS && classes.size() == 2) {
            throw new IllegalArgumentException(name + " has two classes " + classes + " but MULTICLASS was requested;"
                    + " use BINARY");
        }
        return new LabeledTable(features, target, task, classes, dropped);
    }

    /**
     * The task a target column implies: a categorical or boolean target is BINARY with two levels that
     * occur and MULTICLASS with more; a numeric target is classification only when every value is an
     * integer and there are at most {@link #MAX_INTEGER_CLASSES} distinct values (two: BINARY, so
     * 0/1 labels are classification), otherwise REGRESSION (so counts such as abalone's 28 ring values
     * are regression). Pass the task explicitly to {@link #of(Table, String, Task)} to override.
     * A target with fewer than two distinct values is reported by {@code of}, not here (this returns
     * BINARY for a single level and REGRESSION for a constant number).
     */
    public static Task inferTask(Column target) {
        if (target instanceof CategoricalColumn c) {
            int present = 0;
            for (int count : c.levelCounts()) {
                if (count > 0) {
                    present++;
                }
            }
            return present > 2 ? Task.MULTICLASS : Task.BINARY;
        }
        NumericColumn n = (NumericColumn) target;
        Set<Double> distinct = new java.util.HashSet<>();
        for (int i = 0; i < n.size(); i++) {
            double v = n.get(i);
            if (Double.isNaN(v)) {
                continue;
            }
            if (v != Math.rint(v)) {
                return Task.REGRESSION;
            }
            if (distinct.add(v + 0.0) && distinct.size() > MAX_INTEGER_CLASSES) { // + 0.0: -0 is the class 0
                return Task.REGRESSION;
            }
        }
        if (distinct.size() == 2) {
            return Task.BINARY;
        }
        return distinct.size() > 2 ? Task.MULTICLASS : Task.REGRESSION;
    }

    private static List<String> classesOf(Column target) {
        if (target instanceof CategoricalColumn c) {
            int[] counts = c.levelCounts();
            List<String> out = new ArrayList<>();
            for (int k = 0; k < counts.length; k++) {
                if (counts[k] > 0) {
                    out.add(c.levels().get(k));
                }
            }
            return out;
        }
        NumericColumn n = (NumericColumn) target;
        TreeSet<Double> distinct = new TreeSet<>();
        Map<Double, String> text = new HashMap<>();
        for (int i = 0; i < n.size(); i++) {
            double v = n.get(i) + 0.0; // -0 and 0 are one class (as labels() sees them: both read "0")
            if (!n.isMissing(i) && distinct.add(v)) {
                text.put(v, n.text(i));
            }
        }
        List<String> out = new ArrayList<>(distinct.size());
        for (Double d : distinct) {
            out.add(text.get(d));
        }
        return out;
    }

    private static String limit(List<String> values) {
        return values.size() <= 10 ? values.toString() : values.subList(0, 10) + " and " + (values.size() - 10)
                + " more";
    }

    /** Number of rows. */
    public int rows() {
        return target.size();
    }

    /** The target column's name. */
    public String targetName() {
        return target.name();
    }

    /** Number of classes (0 for regression). */
    public int classCount() {
        return classes.size();
    }

    /**
     * The class index (into {@link #classes()}) of each row.
     *
     * @throws IllegalStateException for regression
     */
    public int[] labels() {
        if (!task.isClassification()) {
            throw new IllegalStateException("labels() is for classification, but the task is " + task + "; use y()");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < classes.size(); k++) {
            index.put(classes.get(k), k);
        }
        int[] out = new int[rows()];
        for (int i = 0; i < out.length; i++) {
            out[i] = index.get(target.text(i));
        }
        return out;
    }

    /** The target as numbers: the class index for classification, the value for regression. */
    public double[] y() {
        if (task.isClassification()) {
            int[] labels = labels();
            double[] out = new double[labels.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = labels[i];
            }
            return out;
        }
        return ((NumericColumn) target).toArray();
    }

    /** How many rows hold each class (indexed like {@link #classes()}; empty for regression). */
    public int[] classCounts() {
        if (!task.isClassification()) {
            return new int[0];
        }
        int[] counts = new int[classes.size()];
        for (int l : labels()) {
            counts[l]++;
        }
        return counts;
    }

    /** The features' schema, to check tables given for prediction. */
    public Schema schema() {
        return Schema.of(features);
    }

    /** The same labeled table restricted to {@code rows} (the classes and task stay). */
    public LabeledTable selectRows(int[] rows) {
        return new LabeledTable(features.selectRows(rows), target.select(rows), task, classes, droppedRows);
    }
}
