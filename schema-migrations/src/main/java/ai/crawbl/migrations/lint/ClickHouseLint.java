package ai.crawbl.migrations.lint;

import ai.crawbl.migrations.source.NamingScheme;
import ai.crawbl.migrations.sql.SqlLexer;
import ai.crawbl.migrations.sql.SqlScript;
import ai.crawbl.migrations.sql.SqlSyntaxException;
import ai.crawbl.migrations.sql.Statement;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The conventions of the ClickHouse migrations ({@code NNN_<description>.sql}, their own sequence). Rules:
 * {@code naming}, {@code sequence}, {@code file} (an entry named like a migration that is not a readable file),
 * {@code encoding} (not UTF-8, or a NUL byte), {@code syntax}, and {@code guard}: IF NOT EXISTS on CREATE
 * TABLE, [MATERIALIZED|LIVE|WINDOW] VIEW, DATABASE and DICTIONARY (CREATE OR REPLACE VIEW and DICTIONARY are
 * guarded too), IF EXISTS on every DROP, and IF [NOT] EXISTS on ALTER TABLE's ADD/DROP of a column, index,
 * projection or constraint. Statement rules read tokens, so words in comments and literals never count.
 */
public final class ClickHouseLint implements Lint {

    private static final Numbering NUMBERING = new Numbering(NamingScheme.CLICKHOUSE);
    private static final Set<String> GUARDED_CREATE = Set.of("TABLE", "VIEW", "MATERIALIZED VIEW", "LIVE VIEW",
            "WINDOW VIEW", "DATABASE", "DICTIONARY");
    private static final Set<String> REPLACEABLE = Set.of("VIEW", "DICTIONARY");
    private static final Set<String> VIEW_PREFIXES = Set.of("MATERIALIZED", "LIVE", "WINDOW");
    private static final Set<String> ALTERED_PARTS = Set.of("COLUMN", "INDEX", "PROJECTION", "CONSTRAINT");

    @Override
    public List<Finding> check(Path dir) throws IOException {
        MigrationFolder folder = new MigrationFolder(dir, NamingScheme.CLICKHOUSE);
        List<Finding> findings = new ArrayList<>();
        List<Path> files = folder.migrationFiles(findings);
        findings.addAll(NUMBERING.check(files));
        for (Path file : files) {
            Optional<String> text = folder.read(file, findings);
            if (text.isPresent()) {
                checkScript(file, text.get(), findings);
            }
        }
        findings.sort(Finding.ORDER);
        return List.copyOf(findings);
    }

    private static void checkScript(Path file, String script, List<Finding> findings) {
        List<Statement> statements;
        try {
            statements = SqlScript.clickhouse(script);
        } catch (SqlSyntaxException e) {
            findings.add(new Finding(file, e.line(), "syntax", e.problem()));
            return;
        }
        for (Statement statement : statements) {
            var t = new StatementTokens(file, statement, SqlLexer.clickhouse(statement.sql()), findings);
            switch (t.word(0)) {
                case "CREATE" -> create(t);
                case "DROP" -> drop(t);
                case "ALTER" -> alter(t);
                default -> {
                }
            }
        }
    }

    private static void create(StatementTokens t) {
        int kindAt = 1;
        boolean orReplace = t.is(kindAt, "OR", "REPLACE");
        if (orReplace) {
            kindAt += 2;
        }
        if (t.is(kindAt, "TEMPORARY")) {
            kindAt++;
        }
        boolean twoWords = VIEW_PREFIXES.contains(t.word(kindAt)) && t.is(kindAt + 1, "VIEW");
        String kind = twoWords ? t.word(kindAt) + " VIEW" : t.word(kindAt);
        int i = kindAt + (twoWords ? 2 : 1);
        if (GUARDED_CREATE.contains(kind) && !t.is(i, "IF", "NOT", "EXISTS")
                && !(orReplace && REPLACEABLE.contains(kind))) {
            t.report(kindAt, "guard", "not idempotent: write CREATE " + kind + " IF NOT EXISTS");
        }
    }

    private static void drop(StatementTokens t) {
        int guard = t.find(1, 0, "IF", "EXISTS");
        if (guard < 0 || guard > 3) {
            t.report(1, "guard", "not idempotent: write DROP " + t.word(1) + " IF EXISTS");
        }
    }

    private static void alter(StatementTokens t) {
        for (int i = 1; i < t.size(); i++) {
            if (t.depth(i) != 0 || !ALTERED_PARTS.contains(t.word(i + 1))) {
                continue;
            }
            if (t.is(i, "ADD") && !t.is(i + 2, "IF", "NOT", "EXISTS")) {
                t.report(i, "guard", "not idempotent: write ADD " + t.word(i + 1) + " IF NOT EXISTS");
            } else if (t.is(i, "DROP") && !t.is(i + 2, "IF", "EXISTS")) {
                t.report(i, "guard", "not idempotent: write DROP " + t.word(i + 1) + " IF EXISTS");
            }
        }
    }
}
