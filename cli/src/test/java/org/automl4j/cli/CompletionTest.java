package org.automl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CompletionTest {
    @Test
    void bashCompletionScriptCoversTheSubcommands() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.commandLine().execute("generate-completion");
        } finally {
            System.setOut(old);
        }
        String script = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, code);
        for (String sub : new String[] {"fit", "predict", "optimize", "studies", "demo"}) {
            assertTrue(script.contains(sub), sub + " missing from the completion script");
        }
        assertTrue(script.contains("complete -F"), "a bash completion function is registered");
    }
}
