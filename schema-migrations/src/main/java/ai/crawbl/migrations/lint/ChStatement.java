package ai.crawbl.migrations.lint;

import ai.crawbl.migrations.sql.Position;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * One ClickHouse statement as the checks see it: its tokens, the materialized views the statements before it created
 * (earlier files and this one), the run's settings, and where to report.
 */
record ChStatement(Path file, StatementTokens tokens, Set<String> views, LintSettings settings, List<String> lines,
                   List<Finding> findings) {

    /** Reports a finding of {@code rule} at the token at {@code index}. */
    void report(Rule rule, int index, String message) {
        Position at = tokens.position(index);
        String source = at.line() <= lines.size() ? lines.get(at.line() - 1) : "";
        findings.add(Finding.of(file, at.line(), at.column(), rule, message).withSource(source));
    }

    /** The index of the object kind after CREATE/DROP/ALTER/ATTACH ... (past OR REPLACE, TEMPORARY, MATERIALIZED). */
    int kindAt() {
        int i = 1;
        if (tokens.is(i, "OR", "REPLACE")) {
            i += 2;
        }
        if (tokens.is(i, "TEMPORARY")) {
            i++;
        }
        return i;
    }

    /** The index of the object name after the kind at {@code kindAt} and any IF [NOT] EXISTS. */
    int nameAt(int kindAt) {
        int i = kindAt + (Set.of("MATERIALIZED", "LIVE", "WINDOW").contains(tokens.word(kindAt)) ? 2 : 1);
        if (tokens.is(i, "IF", "NOT", "EXISTS")) {
            i += 3;
        } else if (tokens.is(i, "IF", "EXISTS")) {
            i += 2;
        }
        return i;
    }

    /** The unqualified name at {@code i} ({@code db.name} gives name), or "" when there is none. */
    String nameAtIndex(int i) {
        if (!tokens.isName(i)) {
            return "";
        }
        return tokens.isSymbol(i + 1, ".") && tokens.isName(i + 2) ? tokens.identifier(i + 2) : tokens.identifier(i);
    }
}
