package org.automl4j.learners.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.automl4j.data.Dataset;
import org.automl4j.data.Task;
import org.automl4j.learners.Learners;
import org.junit.jupiter.api.Test;
import org.tribuo.protos.core.ModelProto;

class TribuoProtosTest {

    private static final Dataset DATA = new Dataset(
            new double[][] {{0, 1}, {1, 0}, {0, 2}, {2, 0}, {0, 3}, {3, 0}, {0, 4}, {4, 0}},
            new double[] {0, 1, 0, 1, 0, 1, 0, 1}, null, Task.BINARY, List.of("a", "b"), List.of("u", "v"));

    @Test
    void findsNestedClassNamesIncludingEnumProvenance() throws Exception {
        byte[] bytes = Learners.byName("logistic").fit(DATA, Map.of(), 1).toBytes();
        ModelProto proto = ModelProto.parseFrom(ModelEnvelope.read(bytes, "logistic").payload());
        List<Map.Entry<String, String>> names = TribuoProtos.classNames(proto);
        assertTrue(names.stream().anyMatch(e -> e.getKey().endsWith("SimpleProvenanceProto.additional")
                && e.getValue().endsWith("LinearClassificationType$LinearType")), names.toString());
        assertTrue(names.stream().anyMatch(e -> e.getKey().endsWith("OutputDomainProto.class_name")), names.toString());
        for (Map.Entry<String, String> e : names) {
            assertTrue(TribuoProtos.NESTED_PREFIXES.stream().anyMatch(e.getValue()::startsWith), e.toString());
        }
    }

    @Test
    void featureNamesSortInColumnOrder() {
        String[] names = TribuoData.featureNames(10_001);
        assertEquals("f00000", names[0]);
        for (int j = 1; j < names.length; j++) {
            assertTrue(names[j - 1].compareTo(names[j]) < 0, names[j]);
        }
    }
}
