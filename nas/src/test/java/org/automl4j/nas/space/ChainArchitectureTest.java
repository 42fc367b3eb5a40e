package org.automl4j.nas.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChainArchitectureTest {

    @Test
    void encodingRoundTripsAndEqualArchitecturesAreEqualValues() {
        String s = "conv32k3-relu-bn > conv64k5-relu-bn-d0.25-skip > dense128-tanh-d0.5";
        ChainArchitecture a = ChainArchitecture.decode(s);
        assertEquals(s, a.encode());
        assertEquals(a, ChainArchitecture.decode(s));
        assertEquals(a.hashCode(), ChainArchitecture.decode(s).hashCode());
        assertEquals(3, a.layers().size());
        assertTrue(a.toDot().contains("l0 -> l2 [style=dashed]"), a.toDot());
        assertTrue(a.toText().contains(" 3  dense128-tanh-d0.5"), a.toText());
    }

    @Test
    void invalidLayersAndOrdersAreExplained() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ChainArchitecture.decode("dense8-relu > conv8k3-relu"))
                .getMessage().contains("cannot follow a dense layer"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Layer.decode("conv8k4-relu"))
                .getMessage().contains("odd kernel"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Layer.decode("lstm8-relu"))
                .getMessage().contains("must start with"));
        assertThrows(IllegalArgumentException.class, () -> Layer.decode("dense8-relu-bogus"));
    }
}
