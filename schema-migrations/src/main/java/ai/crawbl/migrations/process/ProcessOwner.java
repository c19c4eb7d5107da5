package ai.crawbl.migrations.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A process as the toolkit records it beside a server or scratch folder it owns: its pid and its start time (in clock
 * ticks since boot, field 22 of {@code /proc/<pid>/stat}). A pid alone is reused once its process is gone; the pair
 * names one process only, so a record whose process no longer runs is never mistaken for a live owner.
 *
 * @param pid        the process id
 * @param startTicks when it started, in clock ticks since the machine booted
 */
public record ProcessOwner(long pid, long startTicks) {

    /** This JVM. */
    public static ProcessOwner current() {
        return of(ProcessHandle.current().pid())
                .orElseThrow(() -> new IllegalStateException("cannot read /proc/self/stat: this JVM cannot record itself as an owner"));
    }

    /** The process running as {@code pid} now, if any (a zombie no longer runs). */
    public static Optional<ProcessOwner> of(long pid) {
        if (pid <= 0) {
            return Optional.empty();
        }
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException e) {
            return Optional.empty();
        }
        // The command name in parentheses may hold spaces and parentheses: the fields after it follow its last ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        if (fields.length < 20 || fields[0].equals("Z") || fields[0].equals("X")) {
            return Optional.empty();
        }
        return Optional.of(new ProcessOwner(pid, Long.parseLong(fields[19])));
    }

    /**
     * The owner a record names, as {@link #record()} wrote it ({@code "<pid> <start ticks>"}); empty for anything else,
     * which the shell launcher writes to give a folder up.
     */
    public static Optional<ProcessOwner> parse(String record) {
        String[] words = record.trim().split("\\s+");
        if (words.length != 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ProcessOwner(Long.parseLong(words[0]), Long.parseLong(words[1])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** True while this very process runs: its pid is taken by a process that started at the same moment. */
    public boolean isAlive() {
        return of(pid).map(this::equals).orElse(false);
    }

    /** The record's text, {@code "<pid> <start ticks>"}, which {@link #parse(String)} reads back. */
    public String record() {
        return pid + " " + startTicks;
    }
}
