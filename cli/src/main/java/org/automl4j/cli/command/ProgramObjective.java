package org.automl4j.cli.command;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.automl4j.space.SearchSpace;
import org.automl4j.study.MultiObjective;
import org.automl4j.trial.Trial;
import org.automl4j.trial.TrialPrunedException;

/**
 * Runs an external program as a trial's objective. The parameters reach it as the placeholders
 * {@code {name}} of the command template (shell-quoted) and as environment variables
 * {@code AUTOML4J_PARAM_<NAME>} (upper case, other characters as {@code _}), with
 * {@code AUTOML4J_TRIAL} and {@code AUTOML4J_STUDY}. The program answers on standard output:
 * <pre>
 *   automl4j:report STEP VALUE     an intermediate value (the study may prune: the program is then stopped)
 *   automl4j:result VALUE [VALUE…] the objective value(s); the last such line counts
 * </pre>
 * Without a result line, the last line of standard output that is one number (or as many numbers as
 * objectives, separated by spaces) is the result. A non-zero exit, a timeout or no result is a FAIL
 * trial whose message keeps the tail of the program's standard error.
 */
final class ProgramObjective implements MultiObjective {

    static final String REPORT = "automl4j:report";
    static final String RESULT = "automl4j:result";
    private static final int TAIL_LINES = 20;

    private final String template;
    private final SearchSpace space;
    private final String study;
    private final int objectives;
    private final Duration timeout;
    private final AtomicLong programNanos = new AtomicLong();
    private final Set<Process> running = ConcurrentHashMap.newKeySet();

    ProgramObjective(String template, SearchSpace space, String study, int objectives, Duration timeout) {
        this.template = template;
        this.space = space;
        this.study = study;
        this.objectives = objectives;
        this.timeout = timeout;
    }

    /**
     * Stops every program still running, with everything it started: for the command's shutdown hook, as a
     * SIGTERM to automl4j alone would otherwise leave them running on their own.
     */
    void stopAll() {
        running.forEach(ProgramObjective::kill);
    }

    /** Programs running now. */
    int runningPrograms() {
        return running.size();
    }

    /** Total time the programs ran (to tell automl4j's own overhead apart). */
    long programNanos() {
        return programNanos.get();
    }

    @Override
    public double[] evaluate(Trial trial) throws Exception {
        Map<String, Object> params = space.suggest(trial);
        String command = substitute(template, params);
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command);
        Map<String, String> env = pb.environment();
        env.put("AUTOML4J_TRIAL", Integer.toString(trial.number()));
        env.put("AUTOML4J_STUDY", study);
        params.forEach((k, v) -> env.put("AUTOML4J_PARAM_" + envName(k), text(v)));
        long t0 = System.nanoTime();
        Process p = pb.start();
        running.add(p);
        p.getOutputStream().close();
        Deque<String> errTail = new ArrayDeque<>();
        Thread errReader = new Thread(() -> drain(p.getErrorStream(), errTail), "automl4j-stderr-" + trial.number());
        errReader.setDaemon(true);
        errReader.start();
        Watchdog dog = timeout == null ? null : new Watchdog(p, timeout);
        double[] result = null;
        String lastLine = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                String s = line.strip();
                if (s.startsWith(REPORT)) {
                    String[] f = s.substring(REPORT.length()).strip().split("\\s+");
                    if (f.length != 2) {
                        throw new IllegalArgumentException("bad report line from the program: '" + s + "'; the format is '"
                                + REPORT + " STEP VALUE'");
                    }
                    trial.report(Long.parseLong(f[0]), Double.parseDouble(f[1]));
                    if (trial.shouldPrune()) {
                        kill(p);
                        throw new TrialPrunedException("pruned at step " + f[0]);
                    }
                } else if (s.startsWith(RESULT)) {
                    result = numbers(s.substring(RESULT.length()), s);
                } else if (!s.isEmpty()) {
                    lastLine = s;
                }
            }
        } catch (IllegalArgumentException e) {
            kill(p);
            throw e;
        } finally {
            boolean ended = p.waitFor(10, TimeUnit.SECONDS);
            if (!ended) {
                kill(p);
                p.waitFor();
            }
            running.remove(p);
            if (dog != null) {
                dog.cancel();
            }
            errReader.join(1000);
            programNanos.addAndGet(System.nanoTime() - t0);
        }
        if (dog != null && dog.fired()) {
            throw new ProgramFailedException("the program ran past the trial timeout of " + timeout + " and was stopped"
                    + tail(errTail));
        }
        if (p.exitValue() != 0) {
            String hint = p.exitValue() == 127 ? " (the shell found no such program: check the --command and the PATH)"
                    : p.exitValue() == 126 ? " (the shell could not run it: is the file executable?)" : "";
            throw new ProgramFailedException("the program exited with code " + p.exitValue() + hint + tail(errTail));
        }
        if (result == null && lastLine != null) {
            try {
                result = numbers(lastLine, lastLine);
            } catch (IllegalArgumentException e) {
                result = null;
            }
        }
        if (result == null) {
            throw new ProgramFailedException("the program printed no result; print '" + RESULT + " VALUE' (or the value"
                    + " alone as the last line) on standard output" + (lastLine == null ? "" : "; its last line was '"
                    + lastLine + "'") + tail(errTail));
        }
        return result;
    }

    private double[] numbers(String text, String line) {
        String[] f = text.strip().split("\\s+");
        if (f.length != objectives || f[0].isEmpty()) {
            throw new IllegalArgumentException("expected " + objectives + " number(s) in '" + line + "'");
        }
        double[] v = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            try {
                v[i] = Double.parseDouble(f[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + f[i] + "' in '" + line + "' is not a number");
            }
        }
        return v;
    }

    /** The command with each {@code {name}} replaced by the parameter's value, shell-quoted. */
    static String substitute(String template, Map<String, Object> params) {
        String out = template;
        for (Map.Entry<String, Object> e : params.entrySet()) {
            out = out.replace("{" + e.getKey() + "}", shellQuote(text(e.getValue())));
        }
        return out;
    }

    /** Placeholders of {@code template} that the space does not define. */
    static List<String> unknownPlaceholders(String template, SearchSpace space) {
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([A-Za-z0-9_.\\-]+)}").matcher(template);
        while (m.find()) {
            if (!space.parameters().containsKey(m.group(1))) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    static String text(Object v) {
        if (v instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format(Locale.ROOT, "%.1f", d) : Double.toString(d);
        }
        return String.valueOf(v);
    }

    static String shellQuote(String s) {
        if (s.matches("[A-Za-z0-9_.,:+\\-=/]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }

    static String envName(String name) {
        return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static void drain(InputStream in, Deque<String> tail) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // the process is gone; what was read is kept
        }
    }

    private static String tail(Deque<String> tail) {
        synchronized (tail) {
            if (tail.isEmpty()) {
                return "";
            }
            return "; the end of its standard error:\n" + String.join("\n", tail);
        }
    }

    /** A trial whose program failed; its message is what the user needs to see. */
    static final class ProgramFailedException extends Exception {
        private static final long serialVersionUID = 1L;

        ProgramFailedException(String message) {
            super(message);
        }
    }

    /** Kills a process after a timeout. */
    private static final class Watchdog {
        private final Thread thread;
        private volatile boolean fired;
        private volatile boolean cancelled;

        Watchdog(Process p, Duration timeout) {
            thread = new Thread(() -> {
                try {
                    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) && !cancelled) {
                        fired = true;
                        kill(p);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "automl4j-watchdog");
            thread.setDaemon(true);
            thread.start();
        }

        boolean fired() {
            return fired;
        }

        void cancel() {
            cancelled = true;
            thread.interrupt();
        }
    }

    /** Stops the program and everything it started (a shell's children would keep its output open). */
    static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }
}
