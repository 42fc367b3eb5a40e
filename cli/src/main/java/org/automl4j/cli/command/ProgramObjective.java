package org.automl4j.cli.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.automl4j.space.SearchSpace;
import org.automl4j.study.MultiObjective;
import org.automl4j.trial.Trial;
import org.automl4j.trial.TrialPrunedException;

/**
 * Runs an external program as a trial's objective. The parameters reach it as the placeholders
 * {@code {name}} of the command template (quoted for where they stand: bare, in {@code '...'} or in {@code "..."},
 * so the program gets each value unchanged and no value runs as shell code; {@code ${...}} is the shell's) and as
 * environment variables {@code AUTOML4J_PARAM_<NAME>} (upper case, other characters as {@code _}), with
 * {@code AUTOML4J_TRIAL} and {@code AUTOML4J_STUDY}. Its standard input is empty. The program answers on standard
 * output (lines longer than {@link #MAX_LINE} characters are cut there):
 * <pre>
 *   automl4j:report STEP VALUE     an intermediate value (the study may prune: the program is then stopped)
 *   automl4j:result VALUE [VALUE…] the objective value(s); the last such line counts
 * </pre>
 * Without a result line, the last line of standard output that is one number (or as many numbers as
 * objectives, separated by spaces) is the result. Numbers are decimal or scientific; {@code nan} and {@code inf}
 * are read but a result must be finite, a STEP a whole number from 0. A non-zero exit, a timeout, no result or a
 * malformed protocol line is a FAIL trial whose message keeps the tail of the program's standard error.
 * <p>
 * When the program ends (or is stopped: pruned, timed out, automl4j stopped) what it started ends too, including
 * background processes that outlived it: each trial's processes carry an environment variable
 * {@code AUTOML4J_TREE_<id>} by which they are found (on Linux; elsewhere only the live descendants are).
 */
final class ProgramObjective implements MultiObjective {

    static final String REPORT = "automl4j:report";
    static final String RESULT = "automl4j:result";
    private static final int TAIL_LINES = 20;
    /** Characters kept of one line of a program's output; the rest of a longer line is dropped. */
    static final int MAX_LINE = 64 * 1024;
    /** The prefix of the environment variable that marks a trial's processes. */
    static final String TREE_MARK = "AUTOML4J_TREE_";

    private final String template;
    private final SearchSpace space;
    private final String study;
    private final int objectives;
    private final Duration timeout;
    private final AtomicLong programNanos = new AtomicLong();
    private final Map<Process, String> running = new ConcurrentHashMap<>();
    private final String runId = UUID.randomUUID().toString().replace("-", "");
    private final AtomicLong runs = new AtomicLong();

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
        String mark = TREE_MARK + runId + "_" + runs.incrementAndGet();
        env.put(mark, Integer.toString(trial.number()));
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        long t0 = System.nanoTime();
        Process p = pb.start();
        running.put(p, mark);
        Deque<String> errTail = new ArrayDeque<>();
        AtomicBoolean resultOnStderr = new AtomicBoolean();
        Thread errReader = new Thread(() -> drain(p.getErrorStream(), errTail, resultOnStderr),
                "automl4j-stderr-" + trial.number());
        errReader.setDaemon(true);
        errReader.start();
        Watchdog dog = timeout == null ? null : new Watchdog(p, mark, timeout);
        double[] result = null;
        String resultLine = null;
        String lastLine = null;
        try (InputStream stdout = p.getInputStream()) {
            LineReader out = new LineReader(stdout);
            String line;
            while ((line = out.next()) != null) {
                String s = line.strip();
                if (isLine(s, REPORT)) {
                    report(trial, s);
                    if (trial.shouldPrune()) {
                        kill(p, mark);
                        throw new TrialPrunedException("pruned at step " + s.substring(REPORT.length()).strip()
                                .split("\\s+")[0]);
                    }
                } else if (isLine(s, RESULT)) {
                    result = numbers(s.substring(RESULT.length()), s);
                    resultLine = s;
                } else if (!s.isEmpty()) {
                    lastLine = s;
                }
            }
        } catch (RuntimeException e) { // a malformed line, or the study's storage failing: the trial is over
            kill(p, mark);
            throw e;
        } finally {
            // the program may close its standard output and go on: wait for it (the watchdog bounds the wait)
            boolean interrupted = false;
            while (true) {
                try {
                    p.waitFor();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    kill(p, mark);
                }
            }
            programNanos.addAndGet(System.nanoTime() - t0);
            // what it left running in the background is part of the trial, and ends with it
            kill(p, mark);
            running.remove(p);
            if (dog != null) {
                dog.cancel();
            }
            errReader.join(1000);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (dog != null && dog.fired()) {
            throw new ProgramFailedException("the program ran past the trial timeout of " + timeout + " and was stopped"
                    + " with everything it started" + tail(errTail));
        }
        if (p.exitValue() != 0) {
            String hint = p.exitValue() == 127 ? " (the shell found no such program: check the --command and the PATH)"
                    : p.exitValue() == 126 ? " (the shell could not run it: is it a folder, or a file that is not"
                    + " executable? chmod +x it)" : p.exitValue() > 128 && p.exitValue() < 160 ? " (stopped by signal "
                    + (p.exitValue() - 128) + (p.exitValue() == 137 ? ", SIGKILL: the out-of-memory killer or a kill -9?"
                    : "") + ")" : "";
            throw new ProgramFailedException("the program exited with code " + p.exitValue() + hint + tail(errTail));
        }
        if (result == null && lastLine != null) {
            try {
                result = numbers(lastLine, lastLine);
                resultLine = lastLine;
            } catch (IllegalArgumentException e) {
                result = null;
            }
        }
        if (result == null) {
            throw new ProgramFailedException("the program printed no result; print '" + RESULT + " VALUE' (or the value"
                    + " alone as the last line) on standard output" + (lastLine == null ? "" : "; its last line was '"
                    + lastLine + "'") + (resultOnStderr.get() ? "; it printed a result line on standard error, where"
                    + " it does not count" : "") + tail(errTail));
        }
        for (double v : result) {
            if (!Double.isFinite(v)) {
                throw new ProgramFailedException("the program's result '" + resultLine + "' is not a finite number;"
                        + " print a finite value (a failed run may exit non-zero instead)" + tail(errTail));
            }
        }
        return result;
    }

    /** Whether {@code s} is a protocol line of {@code kind}: the keyword, then a blank or the end. */
    private static boolean isLine(String s, String kind) {
        return s.startsWith(kind) && (s.length() == kind.length() || Character.isWhitespace(s.charAt(kind.length())));
    }

    private static void report(Trial trial, String s) {
        String[] f = s.substring(REPORT.length()).strip().split("\\s+");
        if (f.length != 2) {
            throw new IllegalArgumentException("bad report line from the program: '" + s + "'; the format is '"
                    + REPORT + " STEP VALUE'");
        }
        long step;
        try {
            if (!f[0].matches("\\+?\\d+")) {
                throw new NumberFormatException(f[0]);
            }
            step = Long.parseLong(f[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad report line from the program: '" + s + "'; STEP must be a whole"
                    + " number from 0 to " + Long.MAX_VALUE + ", as in '" + REPORT + " 3 0.25'");
        }
        double value;
        try {
            value = number(f[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad report line from the program: '" + s + "'; '" + f[1]
                    + "' is not a number");
        }
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("bad report line from the program: '" + s + "'; the value is NaN;"
                    + " report a number");
        }
        trial.report(step, value);
    }

    private double[] numbers(String text, String line) {
        String[] f = text.strip().split("\\s+");
        if (f.length != objectives || f[0].isEmpty()) {
            throw new IllegalArgumentException("expected " + objectives + " number(s) in '" + line + "'");
        }
        double[] v = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            try {
                v[i] = number(f[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + f[i] + "' in '" + line + "' is not a number");
            }
        }
        return v;
    }

    private static final java.util.regex.Pattern DECIMAL =
            java.util.regex.Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    /**
     * A number as programs print it: decimal or scientific notation, or nan, inf, infinity in any case (as Python,
     * C and Java print them). Not Java's suffixes or hexadecimal ({@code 1d}, {@code 0x1p3}).
     */
    static double number(String s) {
        if (DECIMAL.matcher(s).matches()) {
            return Double.parseDouble(s);
        }
        String t = s.toLowerCase(Locale.ROOT);
        boolean minus = t.startsWith("-");
        String u = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
        if (u.equals("nan")) {
            return Double.NaN;
        }
        if (u.equals("inf") || u.equals("infinity")) {
            return minus ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        throw new NumberFormatException(s);
    }

    /**
     * The command with each {@code {name}} of a parameter replaced by its value, quoted for where it stands: outside
     * quotes, inside {@code '...'} or inside {@code "..."}, so that the program receives the value unchanged and no
     * value is ever run as shell code. One pass: a value that contains {@code {other}} stays as it is. {@code ${...}}
     * is the shell's own expansion and is left alone.
     */
    static String substitute(String template, Map<String, Object> params) {
        return expand(template, params, new ArrayList<>());
    }

    /** Placeholders of {@code template} that the space does not define. */
    static List<String> unknownPlaceholders(String template, SearchSpace space) {
        Map<String, Object> names = new java.util.HashMap<>();
        space.parameters().keySet().forEach(n -> names.put(n, ""));
        List<String> out = new ArrayList<>();
        expand(template, names, out);
        return out;
    }

    private static final java.util.regex.Pattern PLACEHOLDER_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_.\\-]+");

    private static String expand(String template, Map<String, Object> params, List<String> unknown) {
        StringBuilder out = new StringBuilder(template.length() + 32);
        char quote = 0;
        // command substitutions ($(...) and `...`) and subshells: each entry {kind, the quote around it}
        Deque<char[]> nest = new ArrayDeque<>();
        int n = template.length();
        for (int i = 0; i < n; i++) {
            char c = template.charAt(i);
            if (quote != '\'' && c == '\\' && i + 1 < n) {
                out.append(c).append(template.charAt(++i));
                continue;
            }
            if (quote != '\'' && c == '$' && i + 1 < n && template.charAt(i + 1) == '(') {
                nest.push(new char[] {'$', quote});
                quote = 0;
                out.append("$(");
                i++;
                continue;
            }
            if (quote == 0 && c == '(') {
                nest.push(new char[] {'(', 0});
            } else if (quote == 0 && c == ')' && !nest.isEmpty()) {
                char[] e = nest.pop();
                quote = e[0] == '(' ? 0 : e[1];
            } else if (quote != '\'' && c == '`') {
                if (quote == 0 && !nest.isEmpty() && nest.peek()[0] == '`') {
                    quote = nest.pop()[1];
                } else {
                    nest.push(new char[] {'`', quote});
                    quote = 0;
                }
            }
            if (quote != '\'' && c == '$' && i + 1 < n && template.charAt(i + 1) == '{') {
                int end = template.indexOf('}', i);
                end = end < 0 ? n - 1 : end;
                out.append(template, i, end + 1);
                i = end;
                continue;
            }
            if (c == '{') {
                int end = template.indexOf('}', i);
                if (end > i + 1) {
                    String name = template.substring(i + 1, end);
                    if (params.containsKey(name)) {
                        String v = text(params.get(name));
                        String q = quote == '\'' ? v.replace("'", "'\\''")
                                : quote == '"' ? v.replaceAll("([\\\\\"$`])", "\\\\$1") : shellQuote(v);
                        for (char[] e : nest) { // inside `...` the shell first takes one \ off before \, ` and $
                            if (e[0] == '`') {
                                q = q.replaceAll("([\\\\`$])", "\\\\$1");
                            }
                        }
                        out.append(q);
                        i = end;
                        continue;
                    }
                    if (PLACEHOLDER_NAME.matcher(name).matches() && !unknown.contains(name)) {
                        unknown.add(name);
                    }
                }
            } else if (c == '\'' && quote != '"') {
                quote = quote == '\'' ? 0 : '\'';
            } else if (c == '"' && quote != '\'') {
                quote = quote == '"' ? 0 : '"';
            }
            out.append(c);
        }
        return out.toString();
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

    private static void drain(InputStream in, Deque<String> tail, AtomicBoolean resultLine) {
        try (in) {
            LineReader r = new LineReader(in);
            String line;
            while ((line = r.next()) != null) {
                if (isLine(line.strip(), RESULT)) {
                    resultLine.set(true);
                }
                synchronized (tail) {
                    tail.addLast(line.stripTrailing());
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

    /**
     * Lines of a program's output, each cut to {@link #MAX_LINE} characters (the rest of a longer line is read and
     * dropped), so that a program printing one endless line cannot exhaust automl4j's memory. Ends of line: \n or
     * \r\n (the \r is left for {@code strip}).
     */
    static final class LineReader {
        private final java.io.Reader in;
        private final char[] buf = new char[8192];
        private int pos;
        private int len;

        LineReader(InputStream in) {
            this.in = new InputStreamReader(in, StandardCharsets.UTF_8);
        }

        /** The next line, at most {@link #MAX_LINE} characters; null at the end of the stream. */
        String next() throws IOException {
            StringBuilder line = null;
            while (true) {
                if (pos == len) {
                    try {
                        len = in.read(buf, 0, buf.length);
                    } catch (IOException closed) {
                        len = -1; // stopping the program closes its streams: that is their end
                    }
                    pos = 0;
                    if (len <= 0) {
                        len = 0;
                        return line == null ? null : line.toString();
                    }
                }
                if (line == null) {
                    line = new StringBuilder();
                }
                int start = pos;
                while (pos < len && buf[pos] != '\n') {
                    pos++;
                }
                int room = MAX_LINE - line.length();
                line.append(buf, start, Math.min(pos - start, Math.max(room, 0)));
                if (pos < len) {
                    pos++; // the \n
                    return line.toString();
                }
            }
        }
    }

    /** A trial whose program failed; its message is what the user needs to see. */
    static final class ProgramFailedException extends Exception {
        private static final long serialVersionUID = 1L;

        ProgramFailedException(String message) {
            super(message);
        }
    }

    /** Kills a process tree after a timeout. */
    private static final class Watchdog {
        private final Thread thread;
        private volatile boolean fired;
        private volatile boolean cancelled;

        Watchdog(Process p, String mark, Duration timeout) {
            thread = new Thread(() -> {
                try {
                    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) && !cancelled) {
                        fired = true;
                        kill(p, mark);
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

    /**
     * Stops the program (SIGKILL: a program that ignores SIGTERM stops too) and everything it started: its descendants
     * now and, where /proc shows environments (Linux), every process carrying the trial's mark in its environment,
     * which also finds the background processes that outlived their parent (they were handed to init and are no
     * longer anyone's descendants) and those forked while the tree was being stopped.
     */
    static void kill(Process p, String mark) {
        if (p.isAlive()) { // (destroying closes the streams: not once the program has ended, while its stderr is read)
            List<ProcessHandle> tree = p.descendants().toList();
            p.destroyForcibly();
            tree.forEach(ProcessHandle::destroyForcibly);
        }
        for (int round = 0; round < 5; round++) {
            List<ProcessHandle> left = marked(mark);
            if (left.isEmpty()) {
                return;
            }
            for (ProcessHandle h : left) {
                h.descendants().forEach(ProcessHandle::destroyForcibly);
                h.destroyForcibly();
            }
            for (ProcessHandle h : left) {
                try {
                    h.onExit().get(200, TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    // still going (or not ours to wait on): the next round looks again
                }
            }
        }
    }

    /** Live processes whose environment holds {@code mark} (none where /proc is not there to read). */
    private static List<ProcessHandle> marked(String mark) {
        Path proc = Path.of("/proc");
        List<ProcessHandle> out = new ArrayList<>();
        if (!Files.isDirectory(proc)) {
            return out;
        }
        byte[] key = ("\0" + mark + "=").getBytes(StandardCharsets.UTF_8);
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(proc,
                f -> f.getFileName().toString().matches("\\d+"))) {
            for (Path d : ds) {
                long pid = Long.parseLong(d.getFileName().toString());
                if (pid == self) {
                    continue;
                }
                byte[] env;
                try {
                    env = Files.readAllBytes(d.resolve("environ"));
                } catch (IOException | SecurityException e) {
                    continue; // gone, or another user's
                }
                if (contains(env, key)) {
                    ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(out::add);
                }
            }
        } catch (IOException | SecurityException e) {
            // no way to look: the descendants were stopped all the same
        }
        return out;
    }

    private static boolean contains(byte[] env, byte[] key) {
        // the environment is NAME=VALUE entries each ended by \0; key is "\0NAME=" (the first entry has no \0 before)
        outer:
        for (int i = -1; i + key.length <= env.length; i++) {
            for (int j = 0; j < key.length; j++) {
                byte b = i + j < 0 ? 0 : env[i + j];
                if (b != key[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
