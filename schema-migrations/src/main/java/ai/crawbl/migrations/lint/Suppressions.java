package ai.crawbl.migrations.lint;

import ai.crawbl.migrations.sql.Statement;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code -- lint:ignore <rule-id>[, <rule-id>]: <reason>} comments of one file. Such a comment, alone on its line
 * right before a statement (several may stack), silences those rules' findings in that statement, provided it gives a
 * reason. A suppression without a reason silences nothing, and one that silences nothing, names an unknown rule or
 * stands before no statement is itself a {@code suppression} finding.
 */
final class Suppressions {

    private static final Pattern COMMENT = Pattern.compile(
            "^(\\s*)(?:--|#|//)\\s*lint:ignore\\b\\s*([^:]*?)\\s*(?::\\s*(.*?))?\\s*$");

    /** One suppression comment. */
    record Suppression(int line, int column, List<String> rules, String reason) {
        boolean hasReason() {
            return reason != null && !reason.isBlank();
        }
    }

    private Suppressions() {
    }

    /** The suppression comment on {@code text}, or null when the line is none. */
    static Suppression parse(int line, String text) {
        Matcher m = COMMENT.matcher(text);
        if (!m.matches()) {
            return null;
        }
        List<String> rules = m.group(2).isBlank() ? List.of()
                : Arrays.stream(m.group(2).split("\\s*,\\s*")).map(String::strip).toList();
        return new Suppression(line, m.group(1).length() + 1, rules, m.group(3));
    }

    /**
     * {@code findings} of one file without those its suppressions silence, plus a {@code suppression} finding for
     * each suppression that is reasonless, names an unknown rule or silences nothing.
     */
    static List<Finding> apply(Path file, List<String> lines, List<Statement> statements, List<Finding> findings,
                               Set<String> knownRules) {
        List<Finding> kept = new ArrayList<>(findings);
        List<Finding> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Suppression s = parse(i + 1, lines.get(i));
            if (s == null) {
                continue;
            }
            int next = i + 1;
            while (next < lines.size() && parse(next + 1, lines.get(next)) != null) {
                next++;
            }
            int target = next + 1;
            Statement statement = statements.stream().filter(st -> st.line() == target).findFirst().orElse(null);
            problems.addAll(check(file, s, lines.get(i), knownRules));
            if (statement == null) {
                problems.add(problem(file, s, lines.get(i), "lint:ignore stands before no statement: put it on the line"
                        + " right before the statement it is for, or delete it"));
                continue;
            }
            if (!s.hasReason()) {
                continue;
            }
            int last = lastLine(statement);
            Set<String> used = new HashSet<>();
            for (var it = kept.iterator(); it.hasNext(); ) {
                Finding f = it.next();
                if (f.line() >= statement.line() && f.line() <= last && s.rules().contains(f.rule())) {
                    used.add(f.rule());
                    it.remove();
                }
            }
            for (String rule : s.rules()) {
                if (knownRules.contains(rule) && !used.contains(rule)) {
                    problems.add(problem(file, s, lines.get(i), "lint:ignore " + rule + " suppresses nothing: the"
                            + " statement below has no " + rule + " finding; delete the suppression"));
                }
            }
        }
        kept.addAll(problems);
        return kept;
    }

    /** The problems a suppression has in itself: no rule, an unknown rule, no reason. */
    static List<Finding> check(Path file, Suppression s, String source, Set<String> knownRules) {
        List<Finding> problems = new ArrayList<>();
        if (s.rules().isEmpty()) {
            problems.add(problem(file, s, source, "lint:ignore names no rule: write -- lint:ignore <rule-id>: <reason>"));
        }
        for (String rule : s.rules()) {
            if (!knownRules.contains(rule)) {
                problems.add(problem(file, s, source, "lint:ignore names " + rule + ", which is no rule of this lint"));
            }
        }
        if (!s.hasReason() && !s.rules().isEmpty()) {
            problems.add(problem(file, s, source, "lint:ignore " + String.join(", ", s.rules()) + " gives no reason, so"
                    + " it suppresses nothing: add ': <why this is acceptable>'"));
        }
        return problems;
    }

    private static Finding problem(Path file, Suppression s, String source, String message) {
        return Finding.of(file, s.line(), s.column(), FileRules.SUPPRESSION, message).withSource(source);
    }

    private static int lastLine(Statement statement) {
        return statement.line() + (int) statement.sql().chars().filter(c -> c == '\n').count();
    }
}
