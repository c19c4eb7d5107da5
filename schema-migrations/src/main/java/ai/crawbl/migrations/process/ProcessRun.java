package ai.crawbl.migrations.process;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One run of an external program to its end, within a time limit: standard output and error go, merged, to a
 * temporary file that is read once the program has exited, and a program still running at the limit is destroyed
 * with everything it started.
 *
 * <p>Why a file and not a pipe: reading a pipe to its end waits for every process holding its write end, so a
 * program that hangs (or leaves a child running, as {@code pg_ctl start} leaves the server) would block the read
 * before any time limit could be checked. A file never blocks the writer or the reader.
 */
public final class ProcessRun {
    /**
     * How the files holding a program's output are named: this prefix, then their owner's pid and start time
     * ({@code <pid>.<ticks>-}), so that those a killed JVM left can be told apart from a live one's and removed.
     */
    public static final String OUTPUT_PREFIX = "crawbl-process-";

    private ProcessRun() {
    }

    /**
     * Deletes the output files, in {@code folder}, of programs run by JVMs that no longer run; returns how many.
     */
    public static int removeOutputsOfDeadRuns(Path folder) throws IOException {
        int removed = 0;
        try (java.nio.file.DirectoryStream<Path> outputs = Files.newDirectoryStream(folder, OUTPUT_PREFIX + "*.log")) {
            for (Path output : outputs) {
                String[] owner = output.getFileName().toString().substring(OUTPUT_PREFIX.length()).split("[.-]");
                if (owner.length >= 2 && owner[0].matches("\\d+") && owner[1].matches("\\d+")
                        && !new ProcessOwner(Long.parseLong(owner[0]), Long.parseLong(owner[1])).isAlive()
                        && Files.deleteIfExists(output)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    /** How a program ended: its exit code, what it printed (both streams, trailing whitespace removed), how long it took. */
    public record Result(int exitCode, String output, Duration elapsed) {
    }

    /** The program was still running at the time limit, and has been destroyed. */
    public static final class TimedOut extends IOException {
        TimedOut(String message) {
            super(message);
        }
    }

    /**
     * Starts {@code builder}'s program with no input and waits at most {@code timeout} for it to exit. Throws
     * {@link TimedOut} after destroying the program and its descendants when it does not; an interrupted wait
     * destroys them too.
     */
    public static Result run(ProcessBuilder builder, Duration timeout, String what) throws IOException {
        Path output = Files.createTempFile(OUTPUT_PREFIX + ProcessOwner.current().record().replace(' ', '.') + "-", ".log");
        try {
            builder.redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            long started = System.nanoTime();
            Process process = builder.start();
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    destroy(process);
                    String printed = read(output);
                    throw new TimedOut(what + " did not finish within " + describe(timeout) + " and was stopped"
                            + (printed.isEmpty() ? "" : "; it printed:\n" + printed));
                }
            } catch (InterruptedException e) {
                destroy(process);
                Thread.currentThread().interrupt();
                throw new InterruptedIOException(what + " interrupted");
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            return new Result(process.exitValue(), read(output), elapsed);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Kills the program and whatever it started, then waits briefly for the program itself to be gone. */
    private static void destroy(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path output) throws IOException {
        return new String(Files.readAllBytes(output), StandardCharsets.UTF_8).strip();
    }

    private static String describe(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }
}
