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
import java.util.regex.Pattern;

/**
 * The PostgreSQL migrations ({@code NNNNNN_<description>.up.sql}) against the migration guide's conventions and the
 * changes that hurt a production database (locks, rewrites, breaking changes, pgvector index pitfalls). The files are
 * read in plan order; a {@link PgSchema model} of what the earlier files created tells the state-aware rules whether a
 * table existed before the migration they check. Statement rules read tokens, so words in comments and literals never
 * count. The rules are {@link #rules()}; the rules page ({@code migrations/LINT.md}) explains each.
 */
public final class PostgresLint implements Lint {

    private static final Pattern DIRECTIVE = Pattern.compile("^\\s*--\\s*crawbl\\s*:.*");

    private static final List<PgCheck> CHECKS = List.of(new PgConventions(), new PgColumnTypes(),
            new PgExtensionSchema(), new PgTransactions(), new PgIndexLocks(), new PgVectorIndexes(),
            new PgColumnChanges(), new PgConstraints(), new PgBreakingChanges(), new PgRowChanges(),
            new PgIdentifierLength(), new PgLockTimeout());

    @Override
    public List<Rule> rules() {
        List<Rule> rules = new ArrayList<>(FileRules.COMMON);
        rules.add(FileRules.DOWN_FILE);
        CHECKS.forEach(check -> rules.addAll(check.rules()));
        rules.add(PgForeignKeyIndexes.FK_INDEX);
        return List.copyOf(rules);
    }

    @Override
    public LintReport run(Path dir, LintOptions options) throws IOException {
        return FolderLint.run(dir, options, new Walk());
    }

    /** One run over a folder: the model grows file by file. */
    private final class Walk implements FolderLint.Dialect {
        private final PgSchema schema = new PgSchema();

        @Override
        public NamingScheme scheme() {
            return NamingScheme.POSTGRES;
        }

        @Override
        public List<Rule> rules() {
            return PostgresLint.this.rules();
        }

        @Override
        public List<Path> migrations(List<Path> files, List<Finding> findings) {
            List<Path> migrations = new ArrayList<>();
            for (Path file : files) {
                if (NamingScheme.POSTGRES.isDown(file.toString())) {
                    findings.add(Finding.of(file, 1, 1, FileRules.DOWN_FILE,
                            "migrations are up-only: delete this file and write the reversal as a new migration"));
                } else {
                    migrations.add(file);
                }
            }
            return migrations;
        }

        @Override
        public List<Statement> check(Path file, String script, List<String> lines, LintSettings settings,
                                     List<Finding> findings) {
            boolean noTransaction = SqlScript.noTransaction(script);
            directives(file, lines, noTransaction, findings);
            List<Statement> statements;
            try {
                statements = SqlScript.postgres(script);
            } catch (SqlSyntaxException e) {
                findings.add(Finding.of(file, e.line(), e.position().column(), FileRules.SYNTAX, e.problem())
                        .withSource(e.line() <= lines.size() ? lines.get(e.line() - 1) : ""));
                return List.of();
            }
            boolean boundsLockWait = false;
            Set<String> dropped = new HashSet<>();
            for (int s = 0; s < statements.size(); s++) {
                var tokens = new StatementTokens(statements.get(s), SqlLexer.postgres(statements.get(s).sql()));
                PgDdl ddl = PgDdl.read(tokens);
                var state = new PgStatement.PgFile(noTransaction, s, boundsLockWait, lines, Set.copyOf(dropped));
                var statement = new PgStatement(file, tokens, ddl, schema, state, settings, findings);
                CHECKS.forEach(check -> check.check(statement));
                schema.apply(ddl, statement);
                boundsLockWait |= ddl instanceof PgDdl.SetLockTimeout;
                for (int i = 0; i + 4 < tokens.size(); i++) {
                    if (tokens.is(i, "DROP", "CONSTRAINT", "IF", "EXISTS") && tokens.isName(i + 4)) {
                        dropped.add(tokens.identifier(i + 4));
                    }
                }
            }
            return statements;
        }

        @Override
        public List<Finding> finish() {
            return PgForeignKeyIndexes.unindexed(schema);
        }
    }

    private static void directives(Path file, List<String> lines, boolean noTransaction, List<Finding> findings) {
        for (int i = 0; i < lines.size(); i++) {
            if (!DIRECTIVE.matcher(lines.get(i)).matches() || i == 0 && noTransaction) {
                continue;
            }
            String message = i == 0
                    ? "unknown directive: the only one is `" + SqlScript.NO_TRANSACTION_DIRECTIVE + "`, exactly"
                    : "a directive counts only as the first line of the file: move it to line 1";
            findings.add(Finding.of(file, i + 1, 1, PgTransactions.NO_TRANSACTION, message).withSource(lines.get(i)));
        }
    }
}
