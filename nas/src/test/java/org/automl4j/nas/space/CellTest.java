package org.automl4j.nas.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CellTest {

    private static final String RESNET_LIKE =
            "|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|";

    @Test
    void encodingRoundTripsAndBadStringsAreExplained() {
        Cell c = Cell.decode(RESNET_LIKE);
        assertEquals(List.of(Op.CONV_3X3, Op.NONE, Op.CONV_3X3, Op.SKIP, Op.NONE, Op.NONE), c.edges());
        assertEquals(RESNET_LIKE, c.encode());
        for (Cell any : List.of(Cell.all().get(0), Cell.all().get(7777), Cell.all().get(15_624))) {
            assertEquals(any, Cell.decode(any.encode()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Cell.decode("|conv~0|+|none~0|none~1|+|none~0|none~1|none~2|"));
        assertTrue(e.getMessage().contains("unknown operation 'conv'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Cell.decode("|none~0|+|none~0|"));
    }

    @Test
    void anOperationListWithNoOperationSaysWhatToGive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CellSpace.parse(" , "));
        assertTrue(e.getMessage().contains("no operation in ' , '") && e.getMessage().contains("nor_conv_3x3"),
                e.getMessage());
    }

    @Test
    void deadEdgesAndSwappableNodesDoNotMakeANewArchitecture() {
        // edge 2->3 is dead when nothing reaches node 2
        Cell a = Cell.decode("|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|nor_conv_1x1~1|avg_pool_3x3~2|");
        Cell b = Cell.decode("|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|nor_conv_1x1~1|none~2|");
        assertTrue(a.isIsomorphicTo(b));
        // nodes 1 and 2 swap when 1->2 is none
        Cell c = Cell.decode("|nor_conv_3x3~0|+|avg_pool_3x3~0|none~1|+|none~0|skip_connect~1|nor_conv_1x1~2|");
        Cell d = Cell.decode("|avg_pool_3x3~0|+|nor_conv_3x3~0|none~1|+|none~0|nor_conv_1x1~1|skip_connect~2|");
        assertTrue(c.isIsomorphicTo(d));
        assertEquals(c.canonical(), d.canonical());
        // but not when 1->2 connects them
        Cell e = Cell.decode("|nor_conv_3x3~0|+|avg_pool_3x3~0|skip_connect~1|+|none~0|skip_connect~1|nor_conv_1x1~2|");
        Cell f = Cell.decode("|avg_pool_3x3~0|+|nor_conv_3x3~0|skip_connect~1|+|none~0|nor_conv_1x1~1|skip_connect~2|");
        assertFalse(e.isIsomorphicTo(f));
        assertEquals(a.canonical(), a.canonical().canonical(), "canonical is idempotent");
    }

    @Test
    void theSpaceHas15625CellsAndFarFewerDistinctConnectedOnes() {
        List<Cell> all = Cell.all();
        assertEquals(15_625, all.size());
        assertEquals(15_625, new HashSet<>(all).size());
        Set<Cell> classes = new HashSet<>();
        for (Cell c : all) {
            if (c.isConnected()) {
                classes.add(c.canonical());
            }
        }
        // With our two exact rules (dead edges, swappable nodes) 8,764 classes remain; NAS-Bench-201 counts
        // 6,466 because it also merges nodes joined by skip connections, which is only approximately the
        // same function for learnt weights. A regression pin: a change here changes every tabulated result.
        assertEquals(8_764, classes.size());
        // cells without a none edge have no dead edge and no swap: each is its own class
        Set<Cell> full = new HashSet<>();
        for (Cell c : all) {
            if (!c.edges().contains(Op.NONE)) {
                full.add(c.canonical());
                assertEquals(c, c.canonical());
            }
        }
        assertEquals(4 * 4 * 4 * 4 * 4 * 4, full.size());
    }

    @Test
    void diagramsNameTheOperations() {
        Cell c = Cell.decode(RESNET_LIKE);
        assertTrue(c.toText().contains("node 3 (output) = skip_connect(input)"), c.toText());
        assertTrue(c.toDot().contains("n0 -> n1 [label=\"nor_conv_3x3\"]"), c.toDot());
        assertFalse(c.toDot().contains("none"));
    }
}
