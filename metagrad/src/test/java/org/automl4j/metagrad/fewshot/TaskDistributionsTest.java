package org.automl4j.metagrad.fewshot;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskDistributionsTest {

    @Test
    void sinusoidTasksFollowOneCurveWithinThePaperRanges() {
        SinusoidTasks family = new SinusoidTasks(10, 30);
        SplittableRandom r = new SplittableRandom(1);
        for (int t = 0; t < 50; t++) {
            FewShotTask task = family.sample(r);
            assertEquals(10, task.support().size());
            assertEquals(30, task.query().size());
            double maxAbs = 0;
            for (Examples e : List.of(task.support(), task.query())) {
                for (int i = 0; i < e.size(); i++) {
                    assertTrue(Math.abs(e.x()[i][0]) <= 5.0);
                    maxAbs = Math.max(maxAbs, Math.abs(e.y()[i]));
                }
            }
            assertTrue(maxAbs <= 5.0 + 1e-6, "amplitude at most 5: " + maxAbs);
        }
        assertThrows(IllegalArgumentException.class, () -> new SinusoidTasks(0, 5));
    }

    @Test
    void digitTasksDrawDistinctClassesWithShuffledLabelsFromDisjointPools() {
        ImageSet digits = ImageSet.digits();
        assertEquals(1797, digits.pixels().length);
        assertEquals(8, digits.side());
        assertEquals(1.0 / 16, digits.scale(), 1e-12);
        ClassificationTasks train = ClassificationTasks.of(digits, List.of(0, 1, 2, 3, 4), List.of(0, 1, 2, 3), 5, 5, 3);
        ClassificationTasks test = ClassificationTasks.of(digits, List.of(5, 6, 7, 8, 9), List.of(0), 5, 5, 3);
        assertEquals(20, train.classCount());
        assertEquals(5, test.classCount());
        Set<String> shared = new HashSet<>(train.classNames());
        shared.retainAll(test.classNames());
        assertTrue(shared.isEmpty(), "meta-train and meta-test classes overlap: " + shared);
        SplittableRandom r = new SplittableRandom(2);
        Set<String> firstLabelClasses = new HashSet<>();
        for (int t = 0; t < 30; t++) {
            FewShotTask task = train.sample(r);
            assertEquals(25, task.support().size());
            assertEquals(15, task.query().size());
            int[] counts = new int[5];
            for (float y : task.support().y()) {
                counts[(int) y]++;
            }
            assertArrayEquals(new int[] {5, 5, 5, 5, 5}, counts);
            Set<float[]> rows = new HashSet<>(List.of(task.support().x()));
            for (float[] q : task.query().x()) {
                assertTrue(!rows.contains(q), "a query example is also in the support set");
            }
            firstLabelClasses.add(java.util.Arrays.toString(task.support().x()[0]));
        }
        assertTrue(firstLabelClasses.size() > 20, "label 0 is a different class from task to task");
        assertThrows(IllegalArgumentException.class, () -> ClassificationTasks.of(digits, List.of(5, 6), List.of(0), 5, 5, 3));
    }

    @Test
    void imagesTurnAndMirrorAsTheSquareSymmetries() {
        float[] img = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        assertArrayEquals(new float[] {7, 4, 1, 8, 5, 2, 9, 6, 3}, ImageSet.rotate(img, 3, 1));
        assertArrayEquals(img, ImageSet.rotate(img, 3, 4));
        assertArrayEquals(new float[] {3, 2, 1, 6, 5, 4, 9, 8, 7}, ImageSet.mirror(img, 3));
        ImageSet digits = ImageSet.digits();
        assertEquals(digits.classRows(3, 0).length, digits.classRows(3, 6).length);
    }
}
