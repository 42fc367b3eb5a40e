package org.automl4j.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/** Facts about the machine and the build, for every result file. */
final class Machine {
    private Machine() {
    }

    static ObjectNode describe() {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        long mem = 0;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            mem = os.getTotalMemorySize();
        }
        m.put("memory_gb", Math.round(mem / 1e9));
        m.put("java", System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        m.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        return m;
    }

    /** The git commit of the working tree, or "unknown". */
    static String commit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line = r.readLine();
                p.waitFor();
                Process d = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no").start();
                boolean dirty;
                try (BufferedReader dr = new BufferedReader(new InputStreamReader(d.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    dirty = dr.readLine() != null;
                }
                return p.exitValue() == 0 && line != null ? line + (dirty ? "-dirty" : "") : "unknown";
            }
        } catch (Exception e) {
            return "unknown";
        }
    }
}
