package ai.crawbl.migrations.lint;

import java.util.Locale;
import java.util.Optional;

/**
 * How much a rule's finding matters: an {@link #ERROR} fails the lint (exit 1), a {@link #WARNING} is reported and
 * lets it pass, and a rule set to {@link #OFF} is not reported at all.
 */
public enum Severity {
    ERROR, WARNING, OFF;

    /** The lower-case word used in configuration files, options and output ({@code error}, {@code warning}, {@code off}). */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The severity named {@code word} in any case; empty for anything else. */
    static Optional<Severity> parse(String word) {
        for (Severity s : values()) {
            if (s.word().equalsIgnoreCase(word.strip())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
