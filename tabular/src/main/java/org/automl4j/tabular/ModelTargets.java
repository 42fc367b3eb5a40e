package org.automl4j.tabular;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntPredicate;
import org.automl4j.data.Column;
import org.automl4j.data.NumericColumn;
import org.automl4j.data.Table;

/**
 * The rows of a table a model can be scored on, with their targets as the metrics take them (class indices of
 * the model's classes, or values): rows whose target is missing or a class the model does not know are left out.
 *
 * @param rows    the kept rows' indices in the table
 * @param y       their targets
 * @param leftOut how many rows were left out
 */
record ModelTargets(int[] rows, double[] y, int leftOut) {

    /**
     * @throws IllegalArgumentException if the table lacks the model's target or a training column, the target is
     *     not numeric for regression, or fewer than {@code minRows} rows can be scored
     */
    static ModelTargets of(AutoMLModel model, Table table, int minRows) {
        String targetName = model.target();
        Column target = table.find(targetName).orElseThrow(() -> new IllegalArgumentException("the data has no"
                + " target column '" + targetName + "', which the model predicts; scoring compares predictions"
                + " with it (the data's columns are " + table.names() + ")"));
        java.util.List<String> missing = new java.util.ArrayList<>(model.schema().names());
        missing.removeAll(table.names());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the data lacks the column" + (missing.size() > 1 ? "s " : " ") + missing
                    + " that the model was trained on");
        }
        boolean classification = model.task().isClassification();
        if (!classification && !(target instanceof NumericColumn)) {
            throw new IllegalArgumentException("the target '" + targetName + "' must be numeric for a regression"
                    + " model, but it is " + target.type());
        }
        Map<String, Integer> classIndex = new HashMap<>();
        for (int k = 0; k < model.classes().size(); k++) {
            classIndex.put(model.classes().get(k), k);
        }
        IntPredicate scorable = i -> !target.isMissing(i) && (!classification || classIndex.containsKey(target.text(i)));
        int n = 0;
        for (int i = 0; i < target.size(); i++) {
            n += scorable.test(i) ? 1 : 0;
        }
        if (n < minRows) {
            throw new IllegalArgumentException("only " + n + " of " + target.size() + " rows have a target the model"
                    + " can score" + (classification ? " (its classes are " + model.classes() + ")" : "")
                    + "; give rows with known target values");
        }
        int[] rows = new int[n];
        double[] y = new double[n];
        for (int i = 0, k = 0; i < target.size(); i++) {
            if (scorable.test(i)) {
                rows[k] = i;
                y[k++] = classification ? classIndex.get(target.text(i)) : ((NumericColumn) target).get(i);
            }
        }
        return new ModelTargets(rows, y, target.size() - n);
    }
}
