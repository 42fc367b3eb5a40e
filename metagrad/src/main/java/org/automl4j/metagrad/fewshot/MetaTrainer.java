package org.automl4j.metagrad.fewshot;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.automl4j.deep.DeepEngine;
import org.automl4j.metagrad.nn.BatchedMlp;
import org.automl4j.metagrad.nn.MlpSpec;
import org.automl4j.metagrad.nn.Weights;

/**
 * Meta-trains an MLP initialisation on a {@link TaskDistribution} with Reptile, first-order MAML or MAML
 * ({@link Algorithm}). Each iteration draws {@code metaBatch} tasks and adapts a copy of the parameters per
 * task with {@code innerSteps} full-batch SGD steps on its support set, all tasks at once as one batched
 * computation; then the initialisation moves (Reptile: toward the adapted parameters; (FO)MAML: Adam on the
 * query-loss meta-gradient). With {@link MetaOptions#learnedRates()} (Meta-SGD, MAML only) every parameter also
 * has its own inner learning rate, a second set of leaves differentiated through the inner steps and moved by the
 * same Adam; they come back as {@link MetaInit#innerRates()}. With {@link MetaOptions#prototypeHead()} (Proto-MAML)
 * every task's output layer starts from its support set's class prototypes ({@link BatchedMlp#withPrototypeHead});
 * the first-order meta-gradient then adds the query gradient of the adapted head carried back through the prototypes
 * to the body (Triantafillou et al.'s fo-Proto-MAML), and the result's info says {@code prototype_head=true}, so
 * that {@link Adaptation} starts every task the same way ({@link MetaInit#prototypeHead()}).
 *
 * <p>Deterministic: the initial weights and every task come from {@code seed}. Meta-training with
 * {@link Algorithm#MAML} records a graph inside a DJL {@link GradientCollector}, of which the engine allows one
 * per process at a time: do not run it concurrently with other DJL training in the same JVM.
 */
public final class MetaTrainer {
    /**
     * (FO)MAML meta-gradients are clipped to this global norm before Adam: MAML's second-order terms make rare
     * spikes (norms in the hundreds on digits with 5 inner steps) that otherwise inflate Adam's moment estimates.
     */
    public static final double MAX_META_GRADIENT_NORM = 10;

    private final DeepEngine engine;

    public MetaTrainer(DeepEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * Progress after an iteration.
     *
     * @param iteration  0-based iteration
     * @param queryLoss  mean query loss of the iteration's tasks after their inner steps (before the outer update)
     */
    public record Progress(int iteration, double queryLoss) {
    }

    /**
     * Runs meta-training.
     *
     * @param listener receives every iteration's progress (may be null)
     * @return the learned initialisation (input scale 1; info: algorithm, family, iterations, seed)
     */
    public MetaInit train(TaskDistribution tasks, MetaOptions o, long seed, Consumer<Progress> listener) {
        if (o.prototypeHead() && !tasks.loss().classification()) {
            throw new IllegalArgumentException("a prototype head needs classification tasks, but " + tasks.describe()
                    + " is trained with " + tasks.loss() + "; turn the prototype head off");
        }
        MlpSpec spec = new MlpSpec(tasks.inputs(), o.hidden(), tasks.outputs(), o.activation());
        BatchedMlp net = new BatchedMlp(spec, tasks.loss());
        SplittableRandom rng = new SplittableRandom(seed);
        Weights start = Weights.random(spec, rng.nextLong());
        Weights learned;
        Weights learnedRates;
        try (NDManager root = engine.newManager()) {
            NDList theta = net.upload(root, start);
            int head = 2 * (spec.layers() - 1);
            boolean fixedHead = o.zeroHead() || o.prototypeHead();
            if (fixedHead) {
                theta.get(head).muli(0f);
                theta.get(head + 1).muli(0f);
            }
            Optimizer adam = o.algorithm() == Algorithm.REPTILE ? null
                    : Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) o.metaLr())).build();
            NDList rates = null;
            if (o.learnedRates()) {
                rates = new NDList(theta.size());
                for (NDArray t : theta) {
                    rates.add(t.onesLike().muli((float) o.innerLr()));
                }
            }
            for (int it = 0; it < o.iterations(); it++) {
                List<FewShotTask> batch = new ArrayList<>(o.metaBatch());
                for (int t = 0; t < o.metaBatch(); t++) {
                    batch.add(tasks.sample(rng));
                }
                NDList direction;
                NDList rateDirection = null;
                double queryLoss;
                try (NDManager s = root.newSubManager()) {
                    s.tempAttachAll(theta);
                    if (rates != null) {
                        s.tempAttachAll(rates);
                    }
                    TaskBatch b = TaskBatch.upload(s, net, batch);
                    NDArray[] lossOut = new NDArray[1];
                    NDList[] rateOut = new NDList[1];
                    direction = switch (o.algorithm()) {
                        case REPTILE -> reptile(net, theta, b, o, lossOut);
                        case FOMAML -> o.prototypeHead() ? firstOrderPrototypes(s, net, theta, b, o, lossOut)
                                : firstOrder(net, theta, b, o, lossOut);
                        case MAML -> secondOrder(s, net, theta, rates, b, o, lossOut, rateOut);
                    };
                    queryLoss = lossOut[0].getFloat();
                    if (adam != null) {
                        clip(direction, MAX_META_GRADIENT_NORM);
                    }
                    direction.attach(root);
                    if (rateOut[0] != null) {
                        rateDirection = rateOut[0];
                        clip(rateDirection, MAX_META_GRADIENT_NORM);
                        rateDirection.attach(root);
                    }
                }
                if (!Double.isFinite(queryLoss)) {
                    direction.close();
                    throw new IllegalStateException("meta-training diverged at iteration " + it + " (query loss " + queryLoss
                            + "); lower --inner-lr (now " + o.innerLr() + ") or --meta-lr (now " + o.metaLr() + ")");
                }
                if (adam == null) {
                    float eps = (float) (o.metaLr() * (1 - (double) it / o.iterations()));
                    for (int i = 0; i < theta.size(); i++) {
                        theta.get(i).addi(direction.get(i).muli(eps));
                    }
                } else {
                    for (int i = 0; i < theta.size(); i++) {
                        adam.update("theta" + i, theta.get(i), direction.get(i));
                    }
                }
                direction.close();
                if (rateDirection != null) {
                    for (int i = 0; i < rates.size(); i++) {
                        adam.update("rate" + i, rates.get(i), rateDirection.get(i));
                    }
                    rateDirection.close();
                }
                if (fixedHead) {
                    theta.get(head).muli(0f);
                    theta.get(head + 1).muli(0f);
                }
                if (listener != null) {
                    listener.accept(new Progress(it, queryLoss));
                }
            }
            learned = net.download(theta, 0);
            learnedRates = rates == null ? null : net.download(rates, 0);
        }
        return new MetaInit(learned, tasks.loss(), o.innerLr(), o.innerSteps(), 1.0, Map.of(
                "algorithm", o.algorithm().name().toLowerCase(java.util.Locale.ROOT),
                "family", tasks.describe(),
                "iterations", Integer.toString(o.iterations()),
                "meta_batch", Integer.toString(o.metaBatch()),
                "meta_lr", Double.toString(o.metaLr()),
                "seed", Long.toString(seed),
                "network", spec.describe(),
                "zero_head", Boolean.toString(o.zeroHead()),
                "learned_rates", Boolean.toString(o.learnedRates()),
                MetaInit.PROTOTYPE_HEAD, Boolean.toString(o.prototypeHead())), learnedRates);
    }

    static void clip(NDList grads, double maxNorm) {
        double sq = 0;
        for (NDArray g : grads) {
            sq += g.square().sum().getFloat();
        }
        double norm = Math.sqrt(sq);
        if (norm > maxNorm) {
            for (NDArray g : grads) {
                g.muli((float) (maxNorm / norm));
            }
        }
    }

    private static NDList adapt(BatchedMlp net, NDList params, NDArray x, NDArray y, int steps, float lr) {
        return adapt(net, params, x, y, steps, lr, null);
    }

    /** Inner SGD steps; with {@code rates} (Meta-SGD) each parameter steps by its own rate times its gradient. */
    private static NDList adapt(BatchedMlp net, NDList params, NDArray x, NDArray y, int steps, float lr, NDList rates) {
        NDList phi = params;
        for (int k = 0; k < steps; k++) {
            NDList g = net.pass(phi, x, y).gradients();
            if (rates == null) {
                phi = net.step(phi, g, lr);
            } else {
                NDList next = new NDList(phi.size());
                for (int i = 0; i < phi.size(); i++) {
                    next.add(phi.get(i).sub(g.get(i).mul(rates.get(i))));
                }
                phi = next;
            }
        }
        return phi;
    }

    /** The parameters every task's inner loop starts from: theta, or theta with each task's prototype head. */
    private static NDList start(BatchedMlp net, NDList theta, TaskBatch b, MetaOptions o) {
        return o.prototypeHead() ? net.withPrototypeHead(theta, b.supportX(), b.supportY()) : theta;
    }

    /** Reptile: the mean adapted parameters minus theta (the head's direction is dropped by a fixed head). */
    private static NDList reptile(BatchedMlp net, NDList theta, TaskBatch b, MetaOptions o, NDArray[] lossOut) {
        NDList phi = adapt(net, start(net, theta, b, o), b.supportX(), b.supportY(), o.innerSteps(), (float) o.innerLr());
        lossOut[0] = net.lossPerTask(phi, b.queryX(), b.queryY()).mean();
        NDList d = new NDList(theta.size());
        for (int i = 0; i < theta.size(); i++) {
            d.add(phi.get(i).mean(new int[] {0}, true).sub(theta.get(i)));
        }
        return d;
    }

    /** First-order MAML: mean query gradient at the adapted parameters. */
    private static NDList firstOrder(BatchedMlp net, NDList theta, TaskBatch b, MetaOptions o, NDArray[] lossOut) {
        NDList phi = adapt(net, start(net, theta, b, o), b.supportX(), b.supportY(), o.innerSteps(), (float) o.innerLr());
        BatchedMlp.Pass q = net.pass(phi, b.queryX(), b.queryY());
        lossOut[0] = q.loss().mean();
        NDList d = new NDList(theta.size());
        for (NDArray g : q.gradients()) {
            d.add(g.mean(new int[] {0}, true));
        }
        return d;
    }

    /**
     * First-order Proto-MAML: the query gradient at the adapted parameters, where the adapted head is taken as the
     * prototype head plus a constant, so the head's query gradient also reaches the body through the prototypes
     * (one backward pass of {@code sum(head0 * g_head)}); the inner steps themselves are not differentiated.
     */
    private NDList firstOrderPrototypes(NDManager s, BatchedMlp net, NDList theta, TaskBatch b, MetaOptions o,
                                        NDArray[] lossOut) {
        int head = theta.size() - 2;
        float tasks = b.supportX().getShape().get(0);
        NDList leaves = leaves(s, theta.subNDList(0, head));
        NDList d = new NDList(theta.size());
        try (GradientCollector gc = engine.engine().newGradientCollector()) {
            NDList withHead = new NDList(leaves);
            withHead.add(theta.get(head));
            withHead.add(theta.get(head + 1));
            NDList head0 = net.withPrototypeHead(withHead, b.supportX(), b.supportY()).subNDList(head);
            NDList detached = new NDList(theta.size());
            for (int i = 0; i < head; i++) {
                detached.add(theta.get(i));
            }
            detached.add(head0.get(0).stopGradient());
            detached.add(head0.get(1).stopGradient());
            NDList phi = adapt(net, detached, b.supportX(), b.supportY(), o.innerSteps(), (float) o.innerLr());
            BatchedMlp.Pass q = net.pass(phi, b.queryX(), b.queryY());
            lossOut[0] = q.loss().mean();
            for (int i = 0; i < head; i++) {
                d.add(q.gradients().get(i).mean(new int[] {0}, true));
            }
            // the tasks' mean: constants divided here, outside the recorded graph
            NDArray surrogate = head0.get(0).mul(q.gradients().get(head).div(tasks)).sum()
                    .add(head0.get(1).mul(q.gradients().get(head + 1).div(tasks)).sum());
            gc.backward(surrogate);
        }
        for (int i = 0; i < head; i++) {
            d.get(i).addi(leaves.get(i).getGradient());
        }
        d.add(theta.get(head).zerosLike());
        d.add(theta.get(head + 1).zerosLike());
        return d;
    }

    /** MAML: reverse mode through the inner steps, whose gradients are themselves differentiable operations. */
    private NDList secondOrder(NDManager s, BatchedMlp net, NDList theta, NDList rates, TaskBatch b, MetaOptions o,
                               NDArray[] lossOut, NDList[] rateOut) {
        NDList leaves = leaves(s, theta);
        NDList rateLeaves = rates == null ? null : leaves(s, rates);
        try (GradientCollector gc = engine.engine().newGradientCollector()) {
            NDList phi = adapt(net, o.prototypeHead() ? net.withPrototypeHead(leaves, b.supportX(), b.supportY()) : leaves,
                    b.supportX(), b.supportY(), o.innerSteps(), (float) o.innerLr(), rateLeaves);
            NDArray metaLoss = net.lossPerTask(phi, b.queryX(), b.queryY()).mean();
            gc.backward(metaLoss);
            lossOut[0] = metaLoss.stopGradient();
        }
        if (rateLeaves != null) {
            NDList r = new NDList(rates.size());
            for (NDArray leaf : rateLeaves) {
                r.add(leaf.getGradient().duplicate());
            }
            rateOut[0] = r;
        }
        NDList d = new NDList(theta.size());
        int head = theta.size() - 2;
        for (int i = 0; i < leaves.size(); i++) {
            // a prototype head does not use the (zero) head parameters: they get no gradient
            d.add(o.prototypeHead() && i >= head ? theta.get(i).zerosLike() : leaves.get(i).getGradient().duplicate());
        }
        return d;
    }

    static NDList leaves(NDManager s, NDList arrays) {
        NDList leaves = new NDList(arrays.size());
        for (NDArray t : arrays) {
            NDArray leaf = t.duplicate();
            leaf.attach(s);
            leaf.setRequiresGradient(true);
            leaves.add(leaf);
        }
        return leaves;
    }
}
