package ai.crawbl.migrations.lint;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;

/**
 * One problem the lint found: the file (relative to the checked folder), the 1-based line and column of the offending
 * token (1:1 for findings about the file as a whole), the rule's id and severity, what is wrong here and what to do
 * (the message), the rule's one-line why and fix, and the text of the line (for a caret under the column). Prints as
 * {@code file:line:column: severity rule: message}.
 */
public record Finding(Path file, int line, int column, String rule, Severity severity, String message, String why,
                      String fix, String source) {

    /** File, then line, then column, then rule: the order in which a lint reports its findings. */
    static final Comparator<Finding> ORDER = Comparator.comparing((Finding f) -> f.file().toString())
            .thenComparingInt(Finding::line).thenComparingInt(Finding::column).thenComparing(Finding::rule)
            .thenComparing(Finding::message);

    public Finding {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(source, "source");
    }

    /** A finding of {@code rule} at its default severity, with no source line yet. */
    static Finding of(Path file, int line, int column, Rule rule, String message) {
        return new Finding(file, line, column, rule.id(), rule.severity(), message, rule.why(), rule.fix(), "");
    }

    Finding withSeverity(Severity severity) {
        return new Finding(file, line, column, rule, severity, message, why, fix, source);
    }

    Finding withSource(String source) {
        return new Finding(file, line, column, rule, severity, message, why, fix, source);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + severity.word() + " " + rule + ": " + message;
    }
}
