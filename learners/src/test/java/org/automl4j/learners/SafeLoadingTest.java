package org.automl4j.learners;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.automl4j.data.Dataset;
import org.automl4j.data.Task;
import org.automl4j.learners.internal.ModelEnvelope;
import org.junit.jupiter.api.Test;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.protos.core.WeightedEnsembleModelProto;

/** Loading refuses anything but the models a learner produces, and never deserialises Java objects. */
class SafeLoadingTest {

    private static final Dataset TRAIN = TestData.make(Task.BINARY, 120, 3);

    private static ModelEnvelope envelope(Model m) {
        return ModelEnvelope.read(m.toBytes(), m.learner());
    }

    private static byte[] withPayload(ModelEnvelope env, String learner, byte[] payload) {
        return new ModelEnvelope(learner, env.task(), env.classes(), env.featureNames(), env.params(), payload)
                .toBytes();
    }

    @Test
    void refusesAForeignTopLevelClassName() throws Exception {
        ModelEnvelope env = envelope(Learners.byName("tree").fit(TRAIN, Map.of(), 1));
        ModelProto proto = ModelProto.parseFrom(env.payload()).toBuilder().setClassName("java.util.HashMap").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Learners.load("tree", withPayload(env, "tree", proto.toByteArray())));
        assertTrue(e.getMessage().contains("java.util.HashMap"), e.getMessage());
    }

    @Test
    void refusesATribuoModelOfAnotherLearner() {
        // a genuine Tribuo logistic-regression model wrapped as if it were a tree
        ModelEnvelope env = envelope(Learners.byName("logistic").fit(TRAIN, Map.of(), 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Learners.load("tree", withPayload(env, "tree", env.payload())));
        assertTrue(e.getMessage().contains("LibLinearClassificationModel"), e.getMessage());
    }

    @Test
    void refusesAForeignClassNestedInsideAnEnsemble() throws Exception {
        ModelEnvelope env = envelope(Learners.byName("random_forest").fit(TRAIN, Map.of("n_estimators", 3), 1));
        ModelProto proto = ModelProto.parseFrom(env.payload());
        WeightedEnsembleModelProto data = proto.getSerializedData().unpack(WeightedEnsembleModelProto.class);
        WeightedEnsembleModelProto.Builder tampered = data.toBuilder();
        tampered.setModels(0, data.getModels(0).toBuilder().setClassName("com.example.Gadget"));
        ModelProto bad = proto.toBuilder().setSerializedData(Any.pack(tampered.build())).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Learners.load("random_forest", withPayload(env, "random_forest", bad.toByteArray())));
        assertTrue(e.getMessage().contains("com.example.Gadget"), e.getMessage());
    }

    @Test
    void refusesBytesSavedByAnotherLearner() {
        byte[] bytes = Learners.byName("knn").fit(TRAIN, Map.of(), 1).toBytes();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Learners.load("svm", bytes));
        assertTrue(e.getMessage().contains("'knn'"), e.getMessage());
    }

    @Test
    void refusesJavaSerialisationAndGarbage() {
        byte[] javaSerialised = {(byte) 0xAC, (byte) 0xED, 0, 5, 0x73, 0x72};
        for (Learner l : Learners.all()) {
            assertThrows(IllegalArgumentException.class, () -> l.load(javaSerialised), l.name());
            assertThrows(IllegalArgumentException.class, () -> l.load(new byte[0]), l.name());
        }
    }

    @Test
    void refusesATruncatedModel() {
        byte[] bytes = Learners.byName("xgboost").fit(TRAIN, Map.of("n_estimators", 5), 1).toBytes();
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        assertThrows(IllegalArgumentException.class, () -> Learners.load("xgboost", cut));
    }

    @Test
    void refusesLightGbmPayloadThatIsNotModelText() {
        ModelEnvelope env = envelope(Learners.byName("lightgbm").fit(TRAIN, Map.of("n_estimators", 5), 1));
        byte[] bad = withPayload(env, "lightgbm", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8));
        assertThrows(IllegalArgumentException.class, () -> Learners.load("lightgbm", bad));
    }
}
