package ai.crawbl.migrations.lint;

import ai.crawbl.migrations.source.NamingScheme;
import ai.crawbl.migrations.sql.SqlLexer;
import ai.crawbl.migrations.sql.SqlScript;
import ai.crawbl.migrations.sql.SqlSyntaxException;
import ai.crawbl.migrations.sql.Statement;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ClickHouse migrations ({@code NNN_<description>.sql}, their own sequence) against the migration guide's
 * conventions and what breaks a ClickHouse in production or the engine's embedded and cluster modes. The files are
 * read in plan order; the materialized views the earlier statements created are known to the state-aware rule. The
 * rules are {@link #rules()}; the rules page ({@code migrations/LINT.md}) explains each.
 */
public final class ClickHouseLint implements Lint {

    private static final List<ChCheck> CHECKS = List.of(new ChGuards(), new ChDataChanges(), new ChDatabaseNames(),
            new ChViewChanges(), new ChCluster());

    @Override
    public List<Rule> rules() {
        List<Rule> rules = new ArrayList<>(FileRules.COMMON);
        CHECKS.forEach(check -> rules.addAll(check.rules()));
        return List.copyOf(rules);
    }

    @Override
    public LintReport run(Path dir, LintOptions options) throws IOException {
        return FolderLint.run(dir, options, new Walk());
    }

    /** One run over a folder: the views grow file by file. */
    private final class Walk implements FolderLint.Dialect {
        private final Set<String> views = new HashSet<>();

        @Override
        public NamingScheme scheme() {
            return NamingScheme.CLICKHOUSE;
        }

        @Override
        public List<Rule> rules() {
            return ClickHouseLint.this.rules();
        }

        @Override
        public List<Statement> check(Path file, String script, List<String> lines, LintSettings settings,
                                     List<Finding> findings) {
            List<Statement> statements;
            try {
                statements = SqlScript.clickhouse(script);
            } catch (SqlSyntaxException e) {
                findings.add(Finding.of(file, e.line(), e.position().column(), FileRules.SYNTAX, e.problem())
                        .withSource(e.line() <= lines.size() ? lines.get(e.line() - 1) : ""));
                return List.of();
            }
            for (Statement statement : statements) {
                var tokens = new StatementTokens(statement, SqlLexer.clickhouse(statement.sql()));
                var checked = new ChStatement(file, tokens, Set.copyOf(views), settings, lines, findings);
                CHECKS.forEach(check -> check.check(checked));
                track(checked);
            }
            return statements;
        }

        private void track(ChStatement s) {
            StatementTokens t = s.tokens();
            int kindAt = s.kindAt();
            String name = s.nameAtIndex(s.nameAt(kindAt));
            if (t.is(0, "CREATE") && t.is(kindAt, "MATERIALIZED", "VIEW")) {
                views.add(name);
            } else if (t.is(0, "DROP")) {
                views.remove(name);
            }
        }
    }
}
