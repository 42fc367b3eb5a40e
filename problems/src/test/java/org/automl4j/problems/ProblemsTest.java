package org.automl4j.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The factory: suite names, lookup by name, dimensions and generic-dimension variants. */
class ProblemsTest {

    @Test
    void suiteListsTheTenProblemsInDefinitionOrder() {
        assertEquals(List.of("branin", "hartmann3", "hartmann6", "rosenbrock10", "ackley10", "rastrigin10",
                "levy10", "styblinski_tang10", "mixed", "conditional"), Problems.suiteNames());
        assertThrows(UnsupportedOperationException.class, () -> Problems.suiteNames().add("x"));
    }

    @Test
    void byNameReturnsTheProblemOfThatNameWithItsDimension() {
        int[] dims = {2, 3, 6, 10, 10, 10, 10, 10, 5, 12};
        for (int i = 0; i < dims.length; i++) {
            String name = Problems.suiteNames().get(i);
            BenchmarkProblem p = Problems.byName(name);
            assertEquals(name, p.name());
            assertEquals(dims[i], p.dimension(), name);
            assertSame(p, Problems.byName(name));
        }
        assertInstanceOf(LearningCurveProblem.class, Problems.byName("mf"));
        assertEquals(0, ((LearningCurveProblem) Problems.byName("mf")).noiseSeed());
        assertSame(Problems.mixed(), Problems.byName("mixed"));
        assertSame(Problems.conditional(), Problems.byName("conditional"));
        assertSame(Problems.branin(), Problems.byName("branin"));
        assertSame(Problems.styblinskiTang10(), Problems.byName("styblinski_tang10"));
    }

    @Test
    void unknownNameIsRejectedWithTheListOfValidNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Problems.byName("sphere"));
        assertTrue(e.getMessage().contains("sphere"), e.getMessage());
        for (String name : Problems.suiteNames()) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
        assertTrue(e.getMessage().contains("mf"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Problems.byName(null));
    }

    @Test
    void genericDimensionVariantsMatchTheTenDimensionalOnes() {
        double[] x = new double[10];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.3 * i - 1.1;
        }
        assertEquals(Problems.rosenbrock10().value(x), Problems.rosenbrock(10).value(x), 0.0);
        assertEquals(Problems.ackley10().value(x), Problems.ackley(10).value(x), 0.0);
        assertEquals(Problems.rastrigin10().value(x), Problems.rastrigin(10).value(x), 0.0);
        assertEquals(Problems.levy10().value(x), Problems.levy(10).value(x), 0.0);
        assertEquals(Problems.styblinskiTang10().value(x), Problems.styblinskiTang(10).value(x), 0.0);
        assertEquals(Problems.styblinskiTang10().optimum(), Problems.styblinskiTang(10).optimum(), 0.0);
        assertEquals("rosenbrock5", Problems.rosenbrock(5).name());
        assertEquals(5, Problems.rosenbrock(5).dimension());
        assertThrows(IllegalArgumentException.class, () -> Problems.rosenbrock(1));
        assertThrows(IllegalArgumentException.class, () -> Problems.ackley(0));
    }

    @Test
    void valueRejectsAVectorOfTheWrongLengthAndBoundsAreCopies() {
        assertThrows(IllegalArgumentException.class, () -> Problems.branin().value(new double[3]));
        Problems.branin().lows()[0] = 99;
        assertEquals(-5.0, Problems.branin().lows()[0]);
        assertThrows(IllegalArgumentException.class, () -> new LearningCurveProblem(-1));
    }
}
