package org.automl4j.metagrad.fewshot;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.automl4j.deep.DeepEngine;
import org.automl4j.metagrad.nn.ConvNet;
import org.automl4j.metagrad.nn.ConvSpec;
import org.automl4j.metagrad.nn.ConvWeights;
import org.automl4j.metagrad.nn.Tensors;

/**
 * Few-shot image classification with a convolutional body ({@link ConvNet}), whose gradients come from the
 * engine's autograd: Proto-MAML meta-training in its first-order form ({@link #metaTrain}; with no inner steps it
 * is a prototypical network), the pretrain-then-fine-tune baseline on the same body ({@link #pretrain}) and
 * adaptation curves on new tasks ({@link #curve}). Second-order MAML is not offered here: DJL's autograd cannot
 * differentiate a backward pass, and the convolution's backward is not written out by hand as the MLP's is.
 * Deterministic for a seed up to the engine's floating-point reductions.
 */
public final class ConvFewShot {
    private final DeepEngine engine;

    public ConvFewShot(DeepEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * Settings of Proto-MAML meta-training.
     *
     * @param iterations meta-iterations (meta-batches)
     * @param metaBatch  tasks per meta-batch
     * @param innerSteps SGD steps on each task's support set from its prototype head (0: a prototypical network)
     * @param innerLr    inner SGD rate
     * @param metaLr     Adam's rate on the body
     * @param shift      augmentation: each source image moves by up to this many pixels per axis (0: none)
     */
    public record MetaSettings(int iterations, int metaBatch, int innerSteps, double innerLr, double metaLr, int shift) {
        public MetaSettings {
            if (iterations < 1 || metaBatch < 1 || innerSteps < 0 || !(innerLr >= 0) || !(metaLr > 0) || shift < 0) {
                throw new IllegalArgumentException("need iterations >= 1, meta-batch >= 1, inner steps >= 0, inner rate >= 0,"
                        + " meta rate > 0 and shift >= 0, got " + iterations + ", " + metaBatch + ", " + innerSteps + ", "
                        + innerLr + ", " + metaLr + ", " + shift);
            }
        }

        /** Settings without augmentation. */
        public MetaSettings(int iterations, int metaBatch, int innerSteps, double innerLr, double metaLr) {
            this(iterations, metaBatch, innerSteps, innerLr, metaLr, 0);
        }
    }

    /**
     * Meta-trains the body on tasks of {@code tasks}: per task the output layer starts as the support set's
     * prototype head, {@code innerSteps} SGD steps adapt all layers on the support set, and the body moves by
     * Adam on the query loss's first-order gradient at the adapted parameters, plus the adapted head's gradient
     * carried back through the prototypes (Triantafillou et al. 2020). The returned weights' output layer is zero
     * (every task replaces it by its prototypes).
     */
    public ConvWeights metaTrain(ClassificationTasks tasks, List<Integer> channels, MetaSettings o, long seed) {
        return metaTrain(tasks, channels, 0, o, seed);
    }

    /**
     * As {@link #metaTrain(ClassificationTasks, List, MetaSettings, long)} on a body whose embedding is scaled to length
     * {@code embeddingScale} ({@link ConvSpec#embeddingScale()}; 0: unnormalised), so the prototypes compare
     * directions.
     */
    public ConvWeights metaTrain(ClassificationTasks tasks, List<Integer> channels, double embeddingScale, MetaSettings o,
                                 long seed) {
        ConvSpec spec = new ConvSpec(side(tasks.inputs()), channels, tasks.ways(), embeddingScale);
        SplittableRandom rng = new SplittableRandom(seed);
        return metaTrain(tasks, ConvNet.random(spec, rng.nextLong(), true), o, rng);
    }

    /**
     * As {@link #metaTrain(ClassificationTasks, List, MetaSettings, long)}, starting from {@code start}'s body instead
     * of a random one: after {@link #pretrain} this is Chen et al. 2021's Meta-Baseline (a classifier pretrained on
     * every source class, then meta-trained on episodes with its prototypes).
     */
    public ConvWeights metaTrain(ClassificationTasks tasks, ConvWeights start, MetaSettings o, long seed) {
        if (start.spec().side() * start.spec().side() != tasks.inputs()) {
            throw new IllegalArgumentException("a body for " + start.spec().side() + "x" + start.spec().side()
                    + " images cannot meta-train on rows of " + tasks.inputs() + " values");
        }
        return metaTrain(tasks, start.withFreshHead(tasks.ways()), o, new SplittableRandom(seed));
    }

    private ConvWeights metaTrain(ClassificationTasks tasks, ConvWeights start, MetaSettings o, SplittableRandom rng) {
        ConvSpec spec = start.spec();
        ConvNet net = new ConvNet(spec);
        int body = spec.arrays() - 2;
        try (NDManager root = engine.newManager()) {
            NDList theta = net.upload(root, start);
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) o.metaLr())).build();
            for (int it = 0; it < o.iterations(); it++) {
                List<FewShotTask> batch = new ArrayList<>(o.metaBatch());
                for (int t = 0; t < o.metaBatch(); t++) {
                    batch.add(ImageShifts.augment(tasks.sample(rng), spec.side(), o.shift(), rng));
                }
                NDList direction;
                float loss;
                try (NDManager s = root.newSubManager()) {
                    s.tempAttachAll(theta);
                    Episode e = Episode.upload(s, net, batch);
                    float[] lossOut = new float[1];
                    direction = o.innerSteps() == 0 ? prototypical(s, net, theta, e, lossOut)
                            : firstOrderProtoMaml(s, net, theta, e, o, lossOut);
                    loss = lossOut[0];
                    MetaTrainer.clip(direction, MetaTrainer.MAX_META_GRADIENT_NORM); // as MetaTrainer does
                    direction.attach(root);
                }
                if (!Float.isFinite(loss)) {
                    direction.close();
                    throw new IllegalStateException("meta-training diverged at iteration " + it + " (query loss " + loss
                            + "); lower the inner rate (now " + o.innerLr() + ") or the meta rate (now " + o.metaLr() + ")");
                }
                for (int i = 0; i < body; i++) {
                    adam.update("theta" + i, theta.get(i), direction.get(i));
                }
                direction.close();
            }
            return net.download(theta, 0);
        }
    }

    /** Prototypical network: the query loss of the prototype head, differentiated through the prototypes. */
    private NDList prototypical(NDManager s, ConvNet net, NDList theta, Episode e, float[] lossOut) {
        NDList leaves = MetaTrainer.leaves(s, theta);
        int body = theta.size() - 2;
        try (GradientCollector gc = engine.engine().newGradientCollector()) {
            NDList p = net.withPrototypeHead(leaves, e.supportX, e.supportY);
            NDArray loss = ConvNet.lossPerTask(net.forward(p, e.queryX), e.queryY).mean();
            gc.backward(loss);
            lossOut[0] = loss.getFloat();
        }
        NDList d = new NDList(theta.size());
        for (int i = 0; i < body; i++) {
            d.add(leaves.get(i).getGradient().duplicate());
        }
        return d;
    }

    /**
     * First-order Proto-MAML: inner steps on per-task copies (not differentiated), the query gradient at the
     * adapted parameters averaged over tasks for the body, and the adapted head's query gradient carried back to
     * the body through the prototypes.
     */
    private NDList firstOrderProtoMaml(NDManager s, ConvNet net, NDList theta, Episode e, MetaSettings o,
                                       float[] lossOut) {
        int tasks = (int) e.supportX.getShape().get(0);
        int body = theta.size() - 2;
        NDArray[] prototypes = ConvNet.prototypeHead(net.embed(theta, e.supportX), e.supportY);
        NDList phi = ConvNet.perTask(theta.subNDList(0, body), tasks);
        phi.add(prototypes[0]);
        phi.add(prototypes[1]);
        phi = sgdSteps(s, net, phi, e.supportX, e.supportY, o.innerSteps(), (float) o.innerLr());
        NDList gAdapted = new NDList(phi.size());
        NDList adaptedLeaves = MetaTrainer.leaves(s, phi);
        try (GradientCollector gc = engine.engine().newGradientCollector()) {
            NDArray loss = ConvNet.lossPerTask(net.forward(adaptedLeaves, e.queryX), e.queryY).mean();
            gc.backward(loss);
            lossOut[0] = loss.getFloat();
        }
        for (NDArray leaf : adaptedLeaves) {
            gAdapted.add(leaf.getGradient().duplicate());
        }
        NDList leaves = MetaTrainer.leaves(s, theta);
        try (GradientCollector gc = engine.engine().newGradientCollector()) {
            NDArray[] head0 = ConvNet.prototypeHead(net.embed(leaves, e.supportX), e.supportY);
            NDArray surrogate = head0[0].mul(gAdapted.get(body)).sum().add(head0[1].mul(gAdapted.get(body + 1)).sum());
            gc.backward(surrogate);
        }
        NDList d = new NDList(theta.size());
        for (int i = 0; i < body; i++) {
            // the per-task gradients already carry the 1/T of the tasks' mean: sum them over the task axis
            d.add(gAdapted.get(i).sum(new int[] {0}, true).add(leaves.get(i).getGradient()));
        }
        return d;
    }

    /**
     * The pretrain-then-fine-tune baseline's pretraining (Chen et al. 2019's "Baseline"): one classifier over every
     * class of the pool, trained with Adam on shuffled minibatches.
     */
    public ConvWeights pretrain(ClassificationTasks pool, List<Integer> channels, int epochs, int batch, double lr,
                                long seed) {
        return pretrain(pool, channels, epochs, batch, lr, 0, seed);
    }

    /**
     * As {@link #pretrain(ClassificationTasks, List, int, int, double, long)}, each image of each minibatch moved at
     * random by up to {@code shift} pixels per axis (the augmentation of {@link MetaSettings#shift()}).
     */
    public ConvWeights pretrain(ClassificationTasks pool, List<Integer> channels, int epochs, int batch, double lr,
                                int shift, long seed) {
        return pretrain(pool, channels, 0, epochs, batch, lr, shift, seed);
    }

    /**
     * As {@link #pretrain(ClassificationTasks, List, int, int, double, int, long)} on a body whose embedding is scaled
     * to length {@code embeddingScale} (0: unnormalised): a linear classifier on cosine embeddings, close to Chen et
     * al. 2019's Baseline++.
     */
    public ConvWeights pretrain(ClassificationTasks pool, List<Integer> channels, double embeddingScale, int epochs,
                                int batch, double lr, int shift, long seed) {
        if (epochs < 1 || batch < 1 || !(lr > 0) || shift < 0) {
            throw new IllegalArgumentException("need epochs >= 1, batch >= 1, lr > 0 and shift >= 0, got " + epochs + ", "
                    + batch + ", " + lr + ", " + shift);
        }
        ConvSpec spec = new ConvSpec(side(pool.inputs()), channels, pool.classCount(), embeddingScale);
        ConvNet net = new ConvNet(spec);
        SplittableRandom rng = new SplittableRandom(seed);
        ConvWeights start = ConvNet.random(spec, rng.nextLong(), false);
        try (NDManager root = engine.newManager()) {
            NDList theta = net.upload(root, start);
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) lr)).build();
            for (int ep = 0; ep < epochs; ep++) {
                for (Examples raw : pool.minibatches(rng, batch)) {
                    Examples mb = ImageShifts.augment(raw, spec.side(), shift, rng);
                    float[][] x = mb.x();
                    float[] y = mb.y();
                    try (NDManager s = root.newSubManager()) {
                        s.tempAttachAll(theta);
                        NDArray xs = net.inputs(s, new float[][][] {x});
                        NDArray ys = net.targets(s, new float[][] {y});
                        NDList leaves = MetaTrainer.leaves(s, theta);
                        try (GradientCollector gc = engine.engine().newGradientCollector()) {
                            gc.backward(ConvNet.lossPerTask(net.forward(leaves, xs), ys).sum());
                        }
                        for (int i = 0; i < theta.size(); i++) {
                            adam.update("theta" + i, theta.get(i), leaves.get(i).getGradient());
                        }
                    }
                }
            }
            return net.download(theta, 0);
        }
    }

    /**
     * How the query accuracy of new tasks evolves over {@code steps} full-batch SGD steps on each task's support
     * set, starting from {@code init}'s body with a zero output layer or, with {@code prototypeHead}, each task's
     * prototype head (step 0 is then nearest-prototype classification). With {@code headOnly} the body stays frozen.
     * {@code init}'s own output layer is not used.
     */
    public Curve curve(ConvWeights init, List<FewShotTask> tasks, int steps, double lr, boolean prototypeHead,
                       boolean headOnly) {
        return curve(init, tasks, steps, lr, prototypeHead, headOnly, false);
    }

    /**
     * As {@link #curve(ConvWeights, List, int, double, boolean, boolean)}; with {@code unitEmbeddings} (head-only
     * fine-tuning) every embedding is first scaled to unit length, so prototypes compare directions (nearest
     * prototype by cosine, as in Wang et al. 2019's SimpleShot) and the prototype head's softmax is not saturated.
     */
    public Curve curve(ConvWeights init, List<FewShotTask> tasks, int steps, double lr, boolean prototypeHead,
                       boolean headOnly, boolean unitEmbeddings) {
        if (unitEmbeddings && !headOnly) {
            throw new IllegalArgumentException("unit-length embeddings apply to head-only fine-tuning (fixed embeddings)");
        }
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("no tasks to evaluate on");
        }
        if (steps < 0 || !(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("need steps >= 0 and a finite lr >= 0, got " + steps + " and " + lr);
        }
        int ways = ways(tasks.get(0));
        ConvWeights fresh = init.withFreshHead(ways);
        ConvNet net = new ConvNet(fresh.spec());
        double[] sumLoss = new double[steps + 1];
        double[] sumAcc = new double[steps + 1];
        double[] finalLosses = new double[tasks.size()];
        double[] finalAcc = new double[tasks.size()];
        int chunk = headOnly ? 25 : 5; // grouped convolutions over many tasks are slow on the CPU: 5 measured fastest
        for (int from = 0; from < tasks.size(); from += chunk) {
            List<FewShotTask> part = tasks.subList(from, Math.min(tasks.size(), from + chunk));
            try (NDManager m = engine.newManager()) {
                Episode e = Episode.upload(m, net, part);
                NDList shared = net.upload(m, fresh);
                NDList p = headOnly ? shared : ConvNet.perTask(shared, part.size());
                NDArray supportEmb = headOnly ? net.embed(p, e.supportX) : null;
                NDArray queryEmb = headOnly ? net.embed(p, e.queryX) : null;
                if (unitEmbeddings) {
                    supportEmb = supportEmb.div(supportEmb.norm(new int[] {2}, true).maximum(1e-12f));
                    queryEmb = queryEmb.div(queryEmb.norm(new int[] {2}, true).maximum(1e-12f));
                }
                if (prototypeHead) {
                    if (headOnly) {
                        NDArray[] head = ConvNet.prototypeHead(supportEmb, e.supportY);
                        NDList z = new NDList(p);
                        z.set(p.size() - 2, head[0]);
                        z.set(p.size() - 1, head[1]);
                        p = z;
                    } else {
                        p = net.withPrototypeHead(p, e.supportX, e.supportY);
                    }
                } else if (headOnly) {
                    NDList z = new NDList(p);
                    int head = p.size() - 2;
                    z.set(head, p.get(head).repeat(0, part.size()));
                    z.set(head + 1, p.get(head + 1).repeat(0, part.size()));
                    p = z;
                }
                for (int k = 0; k <= steps; k++) {
                    try (NDManager s = m.newSubManager()) {
                        s.tempAttachAll(p);
                        NDArray logits = headOnly ? net.logits(p, queryEmb) : net.forward(p, e.queryX);
                        float[] losses = ConvNet.lossPerTask(logits, e.queryY).toFloatArray();
                        float[] acc = ConvNet.accuracyPerTask(logits, e.queryY).toFloatArray();
                        for (int t = 0; t < losses.length; t++) {
                            sumLoss[k] += losses[t];
                            sumAcc[k] += acc[t];
                            finalLosses[from + t] = losses[t];
                            finalAcc[from + t] = acc[t];
                        }
                    }
                    if (k < steps) {
                        p = headOnly ? headStep(m, net, p, supportEmb, e.supportY, (float) lr)
                                : sgdSteps(m, net, p, e.supportX, e.supportY, 1, (float) lr);
                    }
                }
            }
        }
        double[] meanLoss = new double[steps + 1];
        double[] meanAcc = new double[steps + 1];
        for (int k = 0; k <= steps; k++) {
            meanLoss[k] = sumLoss[k] / tasks.size();
            meanAcc[k] = sumAcc[k] / tasks.size();
        }
        return new Curve(meanLoss, meanAcc, finalLosses, finalAcc);
    }

    /**
     * Adapts {@code init} to one new task: the output layer starts as the support set's prototype head, then
     * {@code steps} full-batch SGD steps at {@code lr} adapt the head ({@code headOnly}) or every layer.
     *
     * @return the adapted network, whose output layer has one output per class of the support set
     */
    public ConvWeights adapt(ConvWeights init, Examples support, int steps, double lr, boolean headOnly) {
        if (steps < 0 || !(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("need steps >= 0 and a finite lr >= 0, got " + steps + " and " + lr);
        }
        int ways = ways(new FewShotTask(support, support));
        ConvWeights fresh = init.withFreshHead(ways);
        ConvNet net = new ConvNet(fresh.spec());
        try (NDManager m = engine.newManager()) {
            NDArray x = net.inputs(m, new float[][][] {support.x()});
            NDArray y = net.targets(m, new float[][] {support.y()});
            NDList p = net.withPrototypeHead(net.upload(m, fresh), x, y);
            NDArray emb = headOnly ? net.embed(p, x) : null;
            for (int k = 0; k < steps; k++) {
                p = headOnly ? headStep(m, net, p, emb, y, (float) lr) : sgdSteps(m, net, p, x, y, 1, (float) lr);
            }
            return net.download(p, 0);
        }
    }

    /** Class probabilities {@code [rows][classes]} of {@code w} for image rows. */
    public float[][] predict(ConvWeights w, float[][] x) {
        ConvNet net = new ConvNet(w.spec());
        try (NDManager m = engine.newManager()) {
            return Tensors.rows(net.forward(net.upload(m, w), net.inputs(m, new float[][][] {x})).softmax(2));
        }
    }

    /** One SGD step of the output layer alone on fixed embeddings (the softmax cross-entropy's exact gradient). */
    private static NDList headStep(NDManager m, ConvNet net, NDList p, NDArray emb, NDArray y, float lr) {
        int head = p.size() - 2;
        NDList next = new NDList(p);
        try (NDManager s = m.newSubManager()) {
            s.tempAttachAll(p);
            long n = emb.getShape().get(1);
            NDArray delta = net.logits(p, emb).softmax(2).sub(y).div((float) n); // [T, n, C]
            NDArray gw = emb.transpose(0, 2, 1).matMul(delta);
            NDArray gb = delta.sum(new int[] {1}, true);
            NDArray w = p.get(head).sub(gw.mul(lr));
            NDArray b = p.get(head + 1).sub(gb.mul(lr));
            w.attach(m);
            b.attach(m);
            next.set(head, w);
            next.set(head + 1, b);
        }
        return next;
    }

    /** {@code steps} full-batch SGD steps of per-task parameters on their support sets, each differentiated alone. */
    private NDList sgdSteps(NDManager m, ConvNet net, NDList p, NDArray x, NDArray y, int steps,
                         float lr) {
        NDList cur = p;
        for (int k = 0; k < steps; k++) {
            NDList next = new NDList(cur.size());
            try (NDManager s = m.newSubManager()) {
                s.tempAttachAll(cur);
                NDList leaves = MetaTrainer.leaves(s, cur);
                try (GradientCollector gc = engine.engine().newGradientCollector()) {
                    // summed over tasks: each task's parameters get the gradient of its own mean loss
                    gc.backward(ConvNet.lossPerTask(net.forward(leaves, x), y).sum());
                }
                for (int i = 0; i < cur.size(); i++) {
                    NDArray g = leaves.get(i).getGradient();
                    NDArray v = cur.get(i).sub(g.mul(lr));
                    v.attach(m);
                    next.add(v);
                }
            }
            cur = next;
        }
        return cur;
    }

    private static int side(int inputs) {
        int side = (int) Math.round(Math.sqrt(inputs));
        if (side * side != inputs) {
            throw new IllegalArgumentException("a convolutional body needs square images, but rows have " + inputs
                    + " values; give images of side x side pixels");
        }
        return side;
    }

    private static int ways(FewShotTask t) {
        int max = 0;
        for (float y : t.support().y()) {
            max = Math.max(max, (int) y);
        }
        return max + 1;
    }

    /** Support and query sets of several equally sized tasks, uploaded. */
    private record Episode(NDArray supportX, NDArray supportY, NDArray queryX, NDArray queryY) {
        static Episode upload(NDManager m, ConvNet net, List<FewShotTask> tasks) {
            TaskBatch.Rows r = TaskBatch.Rows.of(tasks);
            return new Episode(net.inputs(m, r.sx()), net.targets(m, r.sy()), net.inputs(m, r.qx()), net.targets(m, r.qy()));
        }
    }
}
