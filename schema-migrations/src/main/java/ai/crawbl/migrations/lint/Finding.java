package ai.crawbl.migrations.lint;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;

/**
 * One convention a migration breaks: the file (relative to the checked folder), the 1-based line of the offending
 * token (line 1 for findings about the file as a whole), a short stable rule name, and what to change. Prints as
 * {@code file:line: rule: message}.
 */
public record Finding(Path file, int line, String rule, String message) {

    /** File, then line, then rule: the order in which a lint reports its findings. */
    static final Comparator<Finding> ORDER = Comparator.comparing((Finding f) -> f.file().toString())
            .thenComparingInt(Finding::line).thenComparing(Finding::rule).thenComparing(Finding::message);

    public Finding {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return file + ":" + line + ": " + rule + ": " + message;
    }
}
