package org.automl4j.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.automl4j.importance.ParameterImportance;
import org.automl4j.multiobjective.ParetoFronts;
import org.automl4j.space.CategoricalDistribution;
import org.automl4j.space.Distribution;
import org.automl4j.space.FloatDistribution;
import org.automl4j.space.IntDistribution;
import org.automl4j.storage.StudyRecord;
import org.automl4j.study.Direction;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;

/**
 * The JSON answers of the API, computed from a {@link StudySnapshot} in one pass or one sort over its
 * trials (never a pass per trial): the shapes are documented in {@code docs/dashboard-api.md}.
 */
final class StudyViews {

    /** Study user attribute naming what kind of run made the study: {@code automl}, {@code nas} or absent. */
    static final String KIND_ATTR = "automl4j.kind";
    /** Study user attribute of AutoML runs: the leaderboard, a JSON array of objects. */
    static final String LEADERBOARD_ATTR = "leaderboard";
    /** Study user attribute of AutoML runs: the chosen ensemble, a JSON object. */
    static final String ENSEMBLE_ATTR = "ensemble";
    /** Trial user attribute of NAS trials: the architecture as Graphviz DOT text. */
    static final String ARCHITECTURE_ATTR = "architecture_dot";

    /** Parameter importance is computed on at most this many completed trials (a seeded sample beyond). */
    static final int IMPORTANCE_MAX_TRIALS = 1000;
    /** Failure messages in the trial table are cut to this many characters (the trial view has them whole). */
    static final int TABLE_MESSAGE_CHARS = 300;

    private StudyViews() {
    }

    // ---------------------------------------------------------------- studies list and summary

    static String kind(StudyRecord r) {
        Object k = r.userAttrs().get(KIND_ATTR);
        return k instanceof String s && (s.equals("automl") || s.equals("nas")) ? s : "hpo";
    }

    static ArrayNode directions(StudyRecord r) {
        ArrayNode a = Json.array();
        r.directions().forEach(d -> a.add(d.name().toLowerCase(Locale.ROOT)));
        return a;
    }

    static String state(Map<TrialState, Integer> counts) {
        if (counts.getOrDefault(TrialState.RUNNING, 0) > 0) {
            return "running";
        }
        if (counts.getOrDefault(TrialState.WAITING, 0) > 0) {
            return "waiting";
        }
        return counts.values().stream().mapToInt(Integer::intValue).sum() == 0 ? "empty" : "idle";
    }

    static ObjectNode counts(Map<TrialState, Integer> counts) {
        ObjectNode o = Json.object();
        for (TrialState s : TrialState.values()) {
            o.put(s.name(), counts.getOrDefault(s, 0));
        }
        return o;
    }

    static JsonNode studies(List<StudyCache.Summary> summaries) {
        ArrayNode list = Json.array();
        for (StudyCache.Summary s : summaries) {
            ObjectNode o = list.addObject();
            o.put("name", s.record().name());
            o.set("directions", directions(s.record()));
            o.put("kind", kind(s.record()));
            o.put("state", state(s.counts()));
            o.put("trials", s.total());
            o.set("counts", counts(s.counts()));
            o.set("best_value", s.best().map(t -> Json.number(t.value())).orElse(Json.F.nullNode()));
            o.set("best_trial", s.best().map(t -> (JsonNode) Json.F.numberNode(t.number())).orElse(Json.F.nullNode()));
            o.put("last_update", s.lastUpdate().toString());
            o.put("created", s.record().created().toString());
        }
        ObjectNode out = Json.object();
        out.set("studies", list);
        return out;
    }

    /** Parameter name to its distribution, in first-seen order over the trials. */
    static Map<String, Distribution> space(List<FrozenTrial> trials) {
        Map<String, Distribution> space = new LinkedHashMap<>();
        for (FrozenTrial t : trials) {
            t.distributions().forEach(space::putIfAbsent);
        }
        return space;
    }

    static ObjectNode distribution(String name, Distribution d) {
        ObjectNode o = Json.object();
        o.put("name", name);
        o.put("kind", d.kind());
        if (d instanceof FloatDistribution f) {
            o.put("low", f.low());
            o.put("high", f.high());
            o.put("log", f.log());
        } else if (d instanceof IntDistribution i) {
            o.put("low", i.low());
            o.put("high", i.high());
            o.put("log", i.log());
        } else if (d instanceof CategoricalDistribution c) {
            ArrayNode ch = o.putArray("choices");
            c.choices().forEach(x -> ch.add(label(x)));
            o.put("log", false);
        }
        return o;
    }

    static JsonNode summary(StudySnapshot s) {
        StudyRecord r = s.record();
        Map<TrialState, Integer> counts = new EnumMap<>(TrialState.class);
        Instant last = r.created();
        for (FrozenTrial t : s.trials()) {
            counts.merge(t.state(), 1, Integer::sum);
            for (Instant i : new Instant[] {t.start(), t.complete()}) {
                if (i != null && i.isAfter(last)) {
                    last = i;
                }
            }
        }
        ObjectNode o = Json.object();
        o.put("name", r.name());
        o.set("directions", directions(r));
        o.put("kind", kind(r));
        o.put("state", state(counts));
        o.put("version", s.version());
        o.put("trials", s.trials().size());
        o.set("counts", counts(counts));
        o.put("created", r.created().toString());
        o.put("last_update", last.toString());
        ArrayNode params = o.putArray("params");
        space(s.trials()).forEach((n, d) -> params.add(distribution(n, d)));
        ObjectNode attrs = o.putObject("user_attrs");
        r.userAttrs().forEach((k, v) -> {
            if (!k.equals(LEADERBOARD_ATTR) && !k.equals(ENSEMBLE_ATTR)) {
                attrs.set(k, Json.value(v));
            }
        });
        if (s.objectives() == 1) {
            FrozenTrial best = best(s);
            o.set("best", best == null ? Json.F.nullNode() : trialBrief(best));
        } else {
            o.put("pareto_size", paretoFront(s).size());
        }
        return o;
    }

    // ---------------------------------------------------------------- history, params, contour

    static boolean better(Direction d, double a, double b) {
        return d == Direction.MINIMIZE ? a < b : a > b;
    }

    /** The best feasible COMPLETE trial of a single-objective study (lower number on ties), or null. */
    static FrozenTrial best(StudySnapshot s) {
        Direction d = s.record().directions().get(0);
        FrozenTrial best = null;
        for (FrozenTrial t : s.trials()) {
            if (t.state() == TrialState.COMPLETE && t.isFeasible() && (best == null || better(d, t.value(), best.value()))) {
                best = t;
            }
        }
        return best;
    }

    static List<FrozenTrial> complete(StudySnapshot s) {
        List<FrozenTrial> out = new ArrayList<>();
        for (FrozenTrial t : s.trials()) {
            if (t.state() == TrialState.COMPLETE && t.values().size() == s.objectives()) {
                out.add(t);
            }
        }
        return out;
    }

    static JsonNode history(StudySnapshot s) {
        ObjectNode o = Json.object();
        o.set("directions", directions(s.record()));
        ArrayNode number = o.putArray("number");
        ArrayNode values = o.putArray("values");
        ArrayNode feasible = o.putArray("feasible");
        List<ArrayNode> perObjective = new ArrayList<>();
        for (int k = 0; k < s.objectives(); k++) {
            perObjective.add(values.addArray());
        }
        ArrayNode best = s.objectives() == 1 ? o.putArray("best") : null;
        Direction d = s.record().directions().get(0);
        double incumbent = Double.NaN;
        for (FrozenTrial t : complete(s)) {
            number.add(t.number());
            for (int k = 0; k < s.objectives(); k++) {
                perObjective.get(k).add(t.values().get(k));
            }
            feasible.add(t.isFeasible());
            if (best != null) {
                if (t.isFeasible() && (Double.isNaN(incumbent) || better(d, t.value(), incumbent))) {
                    incumbent = t.value();
                }
                best.add(Json.number(incumbent));
            }
        }
        ObjectNode other = o.putObject("other");
        for (TrialState st : new TrialState[] {TrialState.PRUNED, TrialState.FAIL}) {
            ArrayNode a = other.putArray(st.name());
            s.trials().stream().filter(t -> t.state() == st).forEach(t -> a.add(t.number()));
        }
        return o;
    }

    /** The value of a parameter as the page shows it: numbers as numbers, everything else as text. */
    static JsonNode paramValue(Object v) {
        if (v == null) {
            return Json.F.nullNode();
        }
        if (v instanceof Number n && !(v instanceof Double || v instanceof Float)) {
            return Json.F.numberNode(n.longValue());
        }
        if (v instanceof Number n) {
            return Json.number(n.doubleValue());
        }
        return Json.F.textNode(label(v));
    }

    static String label(Object v) {
        return String.valueOf(v);
    }

    static JsonNode params(StudySnapshot s) {
        List<FrozenTrial> done = complete(s);
        ObjectNode o = Json.object();
        o.set("directions", directions(s.record()));
        ArrayNode number = o.putArray("number");
        ArrayNode objective = o.putArray("objective");
        for (FrozenTrial t : done) {
            number.add(t.number());
            objective.add(t.values().get(0));
        }
        ArrayNode params = o.putArray("params");
        space(done).forEach((name, d) -> {
            ObjectNode p = distribution(name, d);
            ArrayNode values = p.putArray("values");
            for (FrozenTrial t : done) {
                values.add(paramValue(t.params().get(name)));
            }
            params.add(p);
        });
        return o;
    }

    /** Bins of one parameter for the contour view. */
    private record Axis(String name, Distribution d, int bins, double lo, double hi, boolean log, List<String> labels) {

        static Axis of(String name, Distribution d, int bins) {
            if (d instanceof CategoricalDistribution c) {
                return new Axis(name, d, c.size(), 0, 0, false, c.choices().stream().map(StudyViews::label).toList());
            }
            double lo;
            double hi;
            boolean log;
            if (d instanceof FloatDistribution f) {
                lo = f.low();
                hi = f.high();
                log = f.log();
            } else {
                IntDistribution i = (IntDistribution) d;
                lo = i.low();
                hi = i.high();
                log = i.log();
                bins = (int) Math.min(bins, (long) i.high() - i.low() + 1);
            }
            if (hi <= lo) {
                bins = 1;
            }
            double a = log ? Math.log(lo) : lo;
            double b = log ? Math.log(hi) : hi;
            List<String> labels = new ArrayList<>();
            for (int k = 0; k < bins; k++) {
                double c = a + (k + 0.5) * (b - a) / bins;
                labels.add(String.format(Locale.ROOT, "%.4g", log ? Math.exp(c) : c));
            }
            return new Axis(name, d, bins, a, b, log, labels);
        }

        int bin(Object value) {
            if (d instanceof CategoricalDistribution c) {
                return (int) c.toInternal(value);
            }
            double v = ((Number) value).doubleValue();
            v = log ? Math.log(v) : v;
            if (hi <= lo) {
                return 0;
            }
            return Math.max(0, Math.min(bins - 1, (int) Math.floor((v - lo) / (hi - lo) * bins)));
        }

        ObjectNode json() {
            ObjectNode o = distribution(name, d);
            ArrayNode l = o.putArray("labels");
            labels.forEach(l::add);
            return o;
        }
    }

    /**
     * The objective over a grid of two parameters: per cell of {@code bins x bins} (categories for a
     * categorical), the best and mean objective and the number of completed trials in it.
     */
    static JsonNode contour(StudySnapshot s, String x, String y, int bins) {
        List<FrozenTrial> done = complete(s);
        Map<String, Distribution> space = space(done);
        if (space.size() < 2) {
            throw new IllegalArgumentException("a contour plot needs two parameters; this study's completed trials have "
                    + space.size());
        }
        List<String> names = new ArrayList<>(space.keySet());
        String xn = x == null ? names.get(0) : x;
        String yn = y == null ? names.get(names.get(0).equals(xn) ? 1 : 0) : y;
        for (String n : new String[] {xn, yn}) {
            if (!space.containsKey(n)) {
                throw new IllegalArgumentException("no parameter named '" + n + "' in the completed trials; they have "
                        + names);
            }
        }
        if (xn.equals(yn)) {
            throw new IllegalArgumentException("x and y must be two different parameters, but both are '" + xn + "'");
        }
        Axis ax = Axis.of(xn, space.get(xn), bins);
        Axis ay = Axis.of(yn, space.get(yn), bins);
        Direction d = s.record().directions().get(0);
        int cells = ax.bins() * ay.bins();
        double[] bestV = new double[cells];
        double[] mean = new double[cells];
        int[] count = new int[cells];
        int used = 0;
        for (FrozenTrial t : done) {
            Object vx = t.params().get(xn);
            Object vy = t.params().get(yn);
            if (vx == null || vy == null || !space.get(xn).equals(t.distributions().get(xn))
                    || !space.get(yn).equals(t.distributions().get(yn))) {
                continue;
            }
            int c = ax.bin(vx) * ay.bins() + ay.bin(vy);
            double v = t.values().get(0);
            bestV[c] = count[c] == 0 || better(d, v, bestV[c]) ? v : bestV[c];
            count[c]++;
            // a running mean: a sum of values near the double range would overflow to infinity
            mean[c] += (v - mean[c]) / count[c];
            used++;
        }
        ObjectNode o = Json.object();
        o.set("x", ax.json());
        o.set("y", ay.json());
        o.put("direction", d.name().toLowerCase(Locale.ROOT));
        o.put("trials", used);
        ArrayNode out = o.putArray("cells");
        for (int i = 0; i < ax.bins(); i++) {
            for (int j = 0; j < ay.bins(); j++) {
                int c = i * ay.bins() + j;
                if (count[c] > 0) {
                    ArrayNode cell = out.addArray();
                    cell.add(i).add(j).add(Json.number(bestV[c])).add(count[c]).add(Json.number(mean[c]));
                }
            }
        }
        return o;
    }

    // ---------------------------------------------------------------- importance, curves, Pareto

    static JsonNode importance(StudySnapshot s) {
        ObjectNode o = Json.object();
        ArrayNode list = o.putArray("importance");
        if (s.objectives() != 1) {
            o.put("error", "parameter importance is for single-objective studies; this one has " + s.objectives()
                    + " objectives");
            return o;
        }
        List<FrozenTrial> done = complete(s);
        boolean sampled = done.size() > IMPORTANCE_MAX_TRIALS;
        if (sampled) {
            // a seeded sample keeps the forest's cost bounded; importances barely move beyond a few thousand
            List<FrozenTrial> shuffled = new ArrayList<>(done);
            SplittableRandom rng = new SplittableRandom(done.size());
            for (int i = shuffled.size() - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                FrozenTrial tmp = shuffled.get(i);
                shuffled.set(i, shuffled.get(j));
                shuffled.set(j, tmp);
            }
            done = shuffled.subList(0, IMPORTANCE_MAX_TRIALS);
        }
        o.put("trials_used", done.size());
        o.put("sampled", sampled);
        String nothing = nothingToExplain(done);
        if (nothing != null) {
            // fANOVA would give every parameter an equal share of zero variance: a chart of made-up bars
            o.put("error", nothing);
            return o;
        }
        try {
            ParameterImportance.fanova(done, 0).forEach((k, v) -> {
                ObjectNode e = list.addObject();
                e.put("name", k);
                e.put("importance", v);
            });
        } catch (IllegalArgumentException e) {
            o.put("error", e.getMessage());
        }
        return o;
    }

    /**
     * Why no parameter can explain the objective over {@code done} (it has one value in every trial, or no
     * parameter takes two values), or null when importance means something.
     */
    static String nothingToExplain(List<FrozenTrial> done) {
        if (done.size() < 2) {
            return null; // ParameterImportance says what it needs
        }
        double first = done.get(0).values().get(0);
        if (done.stream().allMatch(t -> t.values().get(0) == first)) {
            return "the objective is " + first + " in every completed trial, so no parameter explains a change in it";
        }
        Map<String, Object> seen = new LinkedHashMap<>();
        java.util.Set<String> varying = new java.util.HashSet<>();
        for (FrozenTrial t : done) {
            t.params().forEach((k, v) -> {
                Object before = seen.putIfAbsent(k, v);
                if (before != null && !before.equals(v)) {
                    varying.add(k);
                }
            });
        }
        if (!seen.isEmpty() && varying.isEmpty()) {
            return "every parameter has one value in all completed trials (" + String.join(", ", seen.keySet())
                    + "), so none explains the objective's changes";
        }
        return null;
    }

    static JsonNode intermediate(StudySnapshot s, int limit) {
        List<FrozenTrial> withCurves = s.trials().stream().filter(t -> !t.intermediateValues().isEmpty()).toList();
        ObjectNode o = Json.object();
        o.put("total", withCurves.size());
        o.put("limit", limit);
        ArrayNode curves = o.putArray("curves");
        for (FrozenTrial t : withCurves.subList(Math.max(0, withCurves.size() - limit), withCurves.size())) {
            ObjectNode c = curves.addObject();
            c.put("number", t.number());
            c.put("state", t.state().name());
            ArrayNode steps = c.putArray("steps");
            ArrayNode values = c.putArray("values");
            t.intermediateValues().forEach((k, v) -> {
                steps.add(k);
                values.add(Json.number(v));
            });
        }
        return o;
    }

    /** Losses (to minimise) of the completed trials; one row per trial of {@code done}. */
    private static double[][] losses(StudySnapshot s, List<FrozenTrial> done) {
        List<Direction> dirs = s.record().directions();
        double[][] l = new double[done.size()][];
        for (int i = 0; i < l.length; i++) {
            double[] v = done.get(i).valuesArray();
            for (int k = 0; k < v.length; k++) {
                v[k] = dirs.get(k) == Direction.MAXIMIZE ? -v[k] : v[k];
            }
            l[i] = v;
        }
        return l;
    }

    /** The feasible completed trials no other feasible one dominates. */
    static List<FrozenTrial> paretoFront(StudySnapshot s) {
        List<FrozenTrial> feasible = complete(s).stream().filter(FrozenTrial::isFeasible).toList();
        if (feasible.isEmpty()) {
            return List.of();
        }
        int[] ranks = ParetoFronts.ranks(losses(s, feasible));
        List<FrozenTrial> front = new ArrayList<>();
        for (int i = 0; i < ranks.length; i++) {
            if (ranks[i] == 0) {
                front.add(feasible.get(i));
            }
        }
        return front;
    }

    static JsonNode pareto(StudySnapshot s) {
        ObjectNode o = Json.object();
        o.set("directions", directions(s.record()));
        ArrayNode number = o.putArray("number");
        ArrayNode values = o.putArray("values");
        ArrayNode front = o.putArray("front");
        ArrayNode feasible = o.putArray("feasible");
        if (s.objectives() < 2) {
            o.put("error", "a Pareto front needs two or more objectives; this study has one");
            return o;
        }
        List<FrozenTrial> done = complete(s);
        java.util.Set<Integer> onFront = new java.util.HashSet<>();
        paretoFront(s).forEach(t -> onFront.add(t.number()));
        for (FrozenTrial t : done) {
            number.add(t.number());
            ArrayNode v = values.addArray();
            t.values().forEach(v::add);
            front.add(onFront.contains(t.number()));
            feasible.add(t.isFeasible());
        }
        return o;
    }

    // ---------------------------------------------------------------- trials

    static Long durationMs(FrozenTrial t) {
        return t.start() != null && t.complete() != null ? Duration.between(t.start(), t.complete()).toMillis() : null;
    }

    static ObjectNode trialBrief(FrozenTrial t) {
        ObjectNode o = Json.object();
        o.put("number", t.number());
        o.put("state", t.state().name());
        ArrayNode v = o.putArray("values");
        t.values().forEach(v::add);
        ObjectNode p = o.putObject("params");
        t.params().forEach((k, x) -> p.set(k, paramValue(x)));
        return o;
    }

    static ObjectNode tableRow(FrozenTrial t) {
        ObjectNode o = trialBrief(t);
        Long ms = durationMs(t);
        o.set("duration_ms", ms == null ? Json.F.nullNode() : Json.F.numberNode(ms));
        o.put("start", t.start() == null ? null : t.start().toString());
        o.put("complete", t.complete() == null ? null : t.complete().toString());
        o.put("intermediate_count", t.intermediateValues().size());
        if (t.failure() != null) {
            String m = t.failure().toString();
            o.put("failure", m.length() > TABLE_MESSAGE_CHARS ? m.substring(0, TABLE_MESSAGE_CHARS) + "…" : m);
        } else {
            o.putNull("failure");
        }
        return o;
    }

    static JsonNode trials(StudySnapshot s, TrialQuery q) {
        Set<String> columns = space(s.trials()).keySet();
        q.checkSortKey(s.record().directions().size(), columns);
        List<FrozenTrial> matching = q.apply(s.trials());
        ObjectNode o = Json.object();
        o.put("total", matching.size());
        o.put("study_trials", s.trials().size());
        o.put("offset", q.offset());
        o.put("limit", q.limit());
        ArrayNode cols = o.putArray("columns");
        columns.forEach(cols::add);
        ArrayNode rows = o.putArray("rows");
        int end = (int) Math.min(matching.size(), (long) q.offset() + q.limit());
        for (int i = Math.min(q.offset(), matching.size()); i < end; i++) {
            rows.add(tableRow(matching.get(i)));
        }
        return o;
    }

    static JsonNode trial(StudySnapshot s, int number) {
        FrozenTrial t = null;
        List<FrozenTrial> all = s.trials();
        int lo = 0;
        int hi = all.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int n = all.get(mid).number();
            if (n == number) {
                t = all.get(mid);
                break;
            } else if (n < number) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (t == null) {
            throw new NoSuchTrialException(s.record().name(), number, all.size());
        }
        ObjectNode o = tableRow(t);
        ArrayNode dists = o.putArray("distributions");
        t.distributions().forEach((k, d) -> dists.add(distribution(k, d)));
        ObjectNode iv = o.putObject("intermediate");
        ArrayNode steps = iv.putArray("steps");
        ArrayNode values = iv.putArray("values");
        t.intermediateValues().forEach((k, v) -> {
            steps.add(k);
            values.add(Json.number(v));
        });
        ObjectNode ua = o.putObject("user_attrs");
        t.userAttrs().forEach((k, v) -> ua.set(k, Json.value(v)));
        ObjectNode sa = o.putObject("system_attrs");
        t.systemAttrs().forEach((k, v) -> sa.set(k, Json.value(v)));
        if (t.failure() != null) {
            ObjectNode f = o.putObject("failure");
            f.put("type", t.failure().type());
            f.put("message", t.failure().message());
            f.put("stack_trace", t.failure().stackTrace());
        }
        return o;
    }

    /** Thrown for a trial number the study does not have; the API answers 404. */
    static final class NoSuchTrialException extends RuntimeException {
        NoSuchTrialException(String study, int number, int count) {
            super("study '" + study + "' has no trial " + number + "; its trials are numbered 0 to " + (count - 1));
        }
    }

    // ---------------------------------------------------------------- AutoML and NAS

    /** A study attribute holding JSON: a list or map as stored, or a string of JSON text. */
    static JsonNode jsonAttr(StudyRecord r, String key) {
        Object v = r.userAttrs().get(key);
        if (v instanceof String text) {
            try {
                return Json.parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (java.io.UncheckedIOException e) {
                return Json.F.textNode(text);
            }
        }
        return Json.value(v);
    }

    static JsonNode automl(StudySnapshot s) {
        ObjectNode o = Json.object();
        o.put("kind", kind(s.record()));
        o.set("leaderboard", jsonAttr(s.record(), LEADERBOARD_ATTR));
        o.set("ensemble", jsonAttr(s.record(), ENSEMBLE_ATTR));
        return o;
    }

    static JsonNode architectures(StudySnapshot s, int limit) {
        List<FrozenTrial> withDot = new ArrayList<>(complete(s).stream()
                .filter(t -> t.userAttrs().get(ARCHITECTURE_ATTR) instanceof String).toList());
        Direction d = s.record().directions().get(0);
        Comparator<FrozenTrial> order = Comparator.comparingDouble(t -> t.values().get(0));
        if (d == Direction.MAXIMIZE) {
            order = order.reversed();
        }
        withDot.sort(order.thenComparingInt(FrozenTrial::number));
        ObjectNode o = Json.object();
        o.put("total", withDot.size());
        ArrayNode a = o.putArray("architectures");
        for (FrozenTrial t : withDot.subList(0, Math.min(limit, withDot.size()))) {
            ObjectNode e = trialBrief(t);
            e.put("dot", (String) t.userAttrs().get(ARCHITECTURE_ATTR));
            a.add(e);
        }
        return o;
    }
}
