package ai.crawbl.migrations.lint;

import java.util.Objects;

/**
 * One lint rule as people see it: a stable id (used in suppressions, configuration and output), its default
 * severity, why it matters in one line, and how to fix what it finds. The code that finds it lives in a
 * {@link StatementCheck} (or, for rules about files and names, in the folder walk).
 */
public record Rule(String id, Severity severity, String why, String fix) {

    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(why, "why");
        Objects.requireNonNull(fix, "fix");
        if (!id.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("a rule id is lower-case words joined by '-': " + id);
        }
    }

    static Rule error(String id, String why, String fix) {
        return new Rule(id, Severity.ERROR, why, fix);
    }

    static Rule warning(String id, String why, String fix) {
        return new Rule(id, Severity.WARNING, why, fix);
    }
}
