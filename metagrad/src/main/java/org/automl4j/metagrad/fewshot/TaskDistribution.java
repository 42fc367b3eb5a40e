package org.automl4j.metagrad.fewshot;

import java.util.SplittableRandom;
import org.automl4j.metagrad.nn.Loss;

/**
 * A distribution over few-shot tasks that share input and output shapes, such as the sinusoid family or
 * N-way K-shot classification over a pool of classes. Implementations are immutable; every random choice comes
 * from the generator passed in, so the same seed gives the same tasks.
 */
public interface TaskDistribution {

    /** Features per example. */
    int inputs();

    /** Network outputs: 1 for regression, N for N-way classification. */
    int outputs();

    /** The loss tasks are trained and judged with. */
    Loss loss();

    /** Draws one task. */
    FewShotTask sample(SplittableRandom rng);

    /** One line for logs and result files, e.g. {@code sinusoid K=10}. */
    String describe();
}
