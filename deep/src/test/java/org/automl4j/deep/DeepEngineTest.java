package org.automl4j.deep;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeepEngineTest {

    @Test
    void startsOfflineAndReportsItsDevice() {
        DeepEngine engine = DeepEngine.start();
        assertEquals("true", System.getProperty("ai.djl.offline"));
        assertTrue(engine.describe().startsWith("PyTorch 2.7.1"), engine.describe());
        assertTrue(java.nio.file.Files.isDirectory(engine.cacheFolder()));
    }

    @Test
    void trainsALinearModelToTheTrueCoefficients() {
        DeepEngine engine = DeepEngine.start();
        engine.seed(7);
        try (NDManager m = engine.newManager(); Model model = Model.newInstance("line", engine.device(), DeepEngine.ENGINE_NAME)) {
            NDArray x = m.randomUniform(-1f, 1f, new Shape(64, 1));
            NDArray y = x.mul(2f).add(1f);
            model.setBlock(Linear.builder().setUnits(1).build());
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.5f)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(64, 1));
                float first = Float.NaN;
                float last = Float.NaN;
                for (int step = 0; step < 200; step++) {
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        NDArray pred = trainer.forward(new NDList(x)).singletonOrThrow();
                        NDArray loss = trainer.getLoss().evaluate(new NDList(y), new NDList(pred));
                        gc.backward(loss);
                        last = loss.getFloat();
                        if (step == 0) {
                            first = last;
                        }
                    }
                    trainer.step();
                }
                assertTrue(last < first / 100, "loss " + first + " -> " + last);
                assertTrue(last < 1e-4, "final loss " + last);
            }
        }
    }
}
