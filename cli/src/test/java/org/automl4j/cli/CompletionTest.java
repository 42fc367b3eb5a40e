package org.automl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CompletionTest {
    @Test
    void bashCompletionScriptCoversTheSubcommands() {
        CliRun r = CliRun.of("generate-completion");
        int code = r.code();
        String script = r.out();
        assertEquals(0, code);
        for (String sub : new String[] {"fit", "predict", "optimize", "studies", "demo"}) {
            assertTrue(script.contains(sub), sub + " missing from the completion script");
        }
        assertTrue(script.contains("complete -F"), "a bash completion function is registered");
    }
}
