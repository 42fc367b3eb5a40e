package org.automl4j.meta.ranking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.automl4j.surrogate.RegressionForest;

/**
 * A pairwise performance meta-learner: a random forest (SMAC's) trained on pairs of evaluated
 * configurations of the same dataset to predict their relative improvement, {@code (score(a) -
 * score(b)) / (best - worst score on that dataset)}, from the dataset's meta-features and both
 * configurations' feature vectors. Relative differences transfer across datasets better than raw
 * scores (whose scales differ). The pair's features include the difference of the two configurations.
 * Each pair is also learnt swapped with the opposite sign, so the model is
 * close to antisymmetric. {@link #rank} orders new candidates by their mean predicted improvement over
 * the other candidates, before any of them is trained.
 */
public final class PairwiseRanker {

    /**
     * One evaluated configuration.
     *
     * @param dataset      which dataset
     * @param metaFeatures the dataset's meta-features (same length for all observations; NaN allowed, read as 0)
     * @param config       the configuration's features (same length for all)
     * @param score        its score, higher is better
     */
    public record Observation(String dataset, double[] metaFeatures, double[] config, double score) {
        public Observation {
            metaFeatures = metaFeatures.clone();
            config = config.clone();
        }
    }

    private final RegressionForest forest;
    private final int metaWidth;
    private final int configWidth;

    private PairwiseRanker(RegressionForest forest, int metaWidth, int configWidth) {
        this.forest = forest;
        this.metaWidth = metaWidth;
        this.configWidth = configWidth;
    }

    /**
     * Fits the ranker on evaluations of several datasets.
     *
     * @param maxPairsPerDataset pairs drawn per dataset (all pairs when fewer), so big datasets do not dominate
     */
    public static PairwiseRanker fit(List<Observation> observations, int maxPairsPerDataset, long seed) {
        if (observations.size() < 2) {
            throw new IllegalArgumentException("the ranker needs at least two observations");
        }
        int mw = observations.get(0).metaFeatures().length;
        int cw = observations.get(0).config().length;
        Map<String, List<Observation>> byDataset = new HashMap<>();
        for (Observation o : observations) {
            if (o.metaFeatures().length != mw || o.config().length != cw) {
                throw new IllegalArgumentException("observation of " + o.dataset() + " has " + o.metaFeatures().length
                        + " meta-features and " + o.config().length + " config features; expected " + mw + " and " + cw);
            }
            byDataset.computeIfAbsent(o.dataset(), k -> new ArrayList<>()).add(o);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<double[]> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<String> names = new ArrayList<>(byDataset.keySet());
        names.sort(Comparator.naturalOrder());
        for (String name : names) {
            List<Observation> obs = byDataset.get(name);
            double hi = obs.stream().mapToDouble(Observation::score).max().orElse(0);
            double lo = obs.stream().mapToDouble(Observation::score).min().orElse(0);
            double range = hi > lo ? hi - lo : 1;
            int n = obs.size();
            long all = (long) n * (n - 1) / 2;
            if (all <= maxPairsPerDataset) {
                for (int a = 0; a < n; a++) {
                    for (int b = a + 1; b < n; b++) {
                        addPair(obs.get(a), obs.get(b), range, xs, ys);
                    }
                }
            } else {
                for (int k = 0; k < maxPairsPerDataset; k++) {
                    int a = rng.nextInt(n);
                    int b = rng.nextInt(n - 1);
                    if (b >= a) {
                        b++;
                    }
                    addPair(obs.get(a), obs.get(b), range, xs, ys);
                }
            }
        }
        double[][] x = xs.toArray(double[][]::new);
        double[] y = ys.stream().mapToDouble(Double::doubleValue).toArray();
        RegressionForest forest = RegressionForest.fit(x, y, new int[mw + 3 * cw],
                RegressionForest.Options.builder().nTrees(48).maxFeatures(0.8).minSamplesLeaf(2).seed(seed).build());
        return new PairwiseRanker(forest, mw, cw);
    }

    private static void addPair(Observation a, Observation b, double range, List<double[]> xs, List<Double> ys) {
        double d = (a.score() - b.score()) / range;
        xs.add(row(a.metaFeatures(), a.config(), b.config()));
        ys.add(d);
        xs.add(row(a.metaFeatures(), b.config(), a.config()));
        ys.add(-d);
    }

    /** Meta-features, both configurations and their difference (which trees split on far more easily). */
    private static double[] row(double[] meta, double[] a, double[] b) {
        double[] r = new double[meta.length + 3 * a.length];
        for (int i = 0; i < meta.length; i++) {
            r[i] = Double.isFinite(meta[i]) ? meta[i] : 0;
        }
        System.arraycopy(a, 0, r, meta.length, a.length);
        System.arraycopy(b, 0, r, meta.length + a.length, b.length);
        for (int i = 0; i < a.length; i++) {
            r[meta.length + 2 * a.length + i] = a[i] - b[i];
        }
        return r;
    }

    /** Predicted relative improvement of {@code a} over {@code b} on a dataset with {@code metaFeatures}. */
    public double improvement(double[] metaFeatures, double[] a, double[] b) {
        double ab = forest.predict(row(metaFeatures, a, b)).mean();
        double ba = forest.predict(row(metaFeatures, b, a)).mean();
        return (ab - ba) / 2;
    }

    /**
     * Each candidate's mean predicted relative improvement over {@code references} on a dataset with
     * {@code metaFeatures}: a cheaper ordering than {@link #rank} for large pools (candidates x references
     * predictions instead of all pairs). Higher is more promising.
     */
    public double[] scoreAgainst(double[] metaFeatures, List<double[]> candidates, List<double[]> references) {
        if (metaFeatures.length != metaWidth) {
            throw new IllegalArgumentException("expected " + metaWidth + " meta-features, got " + metaFeatures.length);
        }
        if (references.isEmpty()) {
            throw new IllegalArgumentException("scoring against references needs at least one reference");
        }
        double[] out = new double[candidates.size()];
        for (int a = 0; a < out.length; a++) {
            double[] c = candidates.get(a);
            if (c.length != configWidth) {
                throw new IllegalArgumentException("candidate " + a + " has " + c.length + " features; expected "
                        + configWidth);
            }
            double s = 0;
            for (double[] r : references) {
                s += improvement(metaFeatures, c, r);
            }
            out[a] = s / references.size();
        }
        return out;
    }

    /**
     * Indices of {@code candidates} from most to least promising on a dataset with {@code metaFeatures}:
     * by mean predicted improvement over the other candidates (ties by index).
     */
    public List<Integer> rank(double[] metaFeatures, List<double[]> candidates) {
        if (metaFeatures.length != metaWidth) {
            throw new IllegalArgumentException("expected " + metaWidth + " meta-features, got " + metaFeatures.length);
        }
        int m = candidates.size();
        double[] wins = new double[m];
        for (int a = 0; a < m; a++) {
            if (candidates.get(a).length != configWidth) {
                throw new IllegalArgumentException("candidate " + a + " has " + candidates.get(a).length
                        + " features; expected " + configWidth);
            }
            for (int b = a + 1; b < m; b++) {
                double d = improvement(metaFeatures, candidates.get(a), candidates.get(b));
                wins[a] += d;
                wins[b] -= d;
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -wins[i]).thenComparingInt(i -> i));
        return List.copyOf(order);
    }
}
