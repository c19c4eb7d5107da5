package ai.crawbl.migrations.lint;

import ai.crawbl.migrations.lint.StatementTokens.Name;
import ai.crawbl.migrations.lint.StatementTokens.Range;
import ai.crawbl.migrations.source.NamingScheme;
import ai.crawbl.migrations.sql.SqlLexer;
import ai.crawbl.migrations.sql.SqlScript;
import ai.crawbl.migrations.sql.SqlSyntaxException;
import ai.crawbl.migrations.sql.Statement;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The conventions of the PostgreSQL migrations ({@code NNNNNN_<description>.up.sql}). Rules: {@code naming},
 * {@code sequence}, {@code down-file}, {@code file} (an entry named like a migration that is not a readable file),
 * {@code encoding} (not UTF-8, or a NUL byte), {@code syntax}, {@code schema} (DDL names
 * {@code orchestrator.}; extensions excepted), {@code guard} (IF [NOT] EXISTS wherever PostgreSQL takes it),
 * {@code uuid-default} (no database-side default on a uuid column, no UUID-generating default anywhere),
 * {@code primary-key} (a single-column primary key is a uuid), {@code timestamptz} (no TIMESTAMP without time zone),
 * {@code concurrently} (a CONCURRENTLY operation runs in a {@code -- crawbl:no-transaction} migration) and
 * {@code no-transaction} (such a migration holds one statement, and the directive is spelled exactly, on line 1).
 * Statement rules read tokens, so words in comments and literals never count.
 */
public final class PostgresLint implements Lint {

    static final String SCHEMA = "orchestrator";

    private static final Numbering NUMBERING = new Numbering(NamingScheme.POSTGRES);
    private static final Pattern DIRECTIVE = Pattern.compile("^\\s*--\\s*crawbl\\s*:.*");
    private static final Set<String> CREATE_MODIFIERS = Set.of("GLOBAL", "LOCAL", "TEMP", "TEMPORARY", "UNLOGGED",
            "UNIQUE", "RECURSIVE", "CONSTRAINT", "TRUSTED", "PROCEDURAL");
    private static final Set<String> TWO_WORD_KINDS = Set.of("MATERIALIZED", "FOREIGN", "EVENT");
    private static final Set<String> GUARDED_CREATE = Set.of("TABLE", "SEQUENCE", "MATERIALIZED VIEW", "SCHEMA",
            "EXTENSION");
    private static final Set<String> NAMED_KINDS = Set.of("TABLE", "SEQUENCE", "VIEW", "MATERIALIZED VIEW", "INDEX",
            "TYPE", "DOMAIN", "FUNCTION", "PROCEDURE", "AGGREGATE");
    private static final Set<String> ON_TABLE_KINDS = Set.of("TRIGGER", "POLICY", "RULE");
    private static final Set<String> TABLE_CONSTRAINTS = Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK",
            "FOREIGN", "EXCLUDE", "LIKE");
    private static final Set<String> TRANSACTION_BOUND = Set.of("CREATE", "DROP", "REINDEX", "ALTER");

    @Override
    public List<Finding> check(Path dir) throws IOException {
        MigrationFolder folder = new MigrationFolder(dir, NamingScheme.POSTGRES);
        List<Finding> findings = new ArrayList<>();
        List<Path> migrations = new ArrayList<>();
        for (Path file : folder.migrationFiles(findings)) {
            if (NamingScheme.POSTGRES.isDown(file.toString())) {
                findings.add(new Finding(file, 1, "down-file",
                        "migrations are up-only: delete this file and write the reversal as a new migration"));
            } else {
                migrations.add(file);
            }
        }
        findings.addAll(NUMBERING.check(migrations));
        for (Path file : migrations) {
            Optional<String> text = folder.read(file, findings);
            if (text.isPresent()) {
                checkScript(file, text.get(), findings);
            }
        }
        findings.sort(Finding.ORDER);
        return List.copyOf(findings);
    }

    private static void checkScript(Path file, String script, List<Finding> findings) {
        boolean noTransaction = SqlScript.noTransaction(script);
        directives(file, script, noTransaction, findings);
        List<Statement> statements;
        try {
            statements = SqlScript.postgres(script);
        } catch (SqlSyntaxException e) {
            findings.add(new Finding(file, e.line(), "syntax", e.problem()));
            return;
        }
        for (int s = 0; s < statements.size(); s++) {
            Statement statement = statements.get(s);
            var tokens = new StatementTokens(file, statement, SqlLexer.postgres(statement.sql()), findings);
            new Rules(tokens).check();
            if (!noTransaction) {
                concurrently(tokens);
            } else if (s > 0) {
                tokens.report(0, "no-transaction", "a `" + SqlScript.NO_TRANSACTION_DIRECTIVE + "` migration holds"
                        + " a single statement (nothing rolls it back): move this one to a migration of its own");
            }
        }
    }

    private static void directives(Path file, String script, boolean noTransaction, List<Finding> findings) {
        List<String> lines = script.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (!DIRECTIVE.matcher(lines.get(i)).matches() || i == 0 && noTransaction) {
                continue;
            }
            String message = i == 0
                    ? "unknown directive: the only one is `" + SqlScript.NO_TRANSACTION_DIRECTIVE + "`, exactly"
                    : "a directive counts only as the first line of the file: move it to line 1";
            findings.add(new Finding(file, i + 1, "no-transaction", message));
        }
    }

    private static void concurrently(StatementTokens t) {
        if (!TRANSACTION_BOUND.contains(t.word(0))) {
            return;
        }
        int at = t.find(1, 0, "CONCURRENTLY");
        if (at < 0) {
            at = t.find(1, 1, "CONCURRENTLY"); // REINDEX (CONCURRENTLY) ...
        }
        if (at >= 0) {
            t.report(at, "concurrently", "CONCURRENTLY cannot run inside a transaction: give this statement a"
                    + " migration of its own whose first line is `" + SqlScript.NO_TRANSACTION_DIRECTIVE + "`");
        }
    }

    /** The statement rules, applied to one statement. */
    private record Rules(StatementTokens t) {

        void check() {
            switch (t.word(0)) {
                case "CREATE" -> create();
                case "ALTER" -> alter();
                case "DROP" -> drop();
                default -> {
                }
            }
            for (int i = 0; i < t.size(); i++) {
                if (t.is(i, "REFERENCES")) {
                    target(i + 1, "REFERENCES");
                }
            }
            timestamps();
        }

        /** The index after the object kind (one word, or two for MATERIALIZED VIEW and the like). */
        private int afterKind(int kindAt) {
            return TWO_WORD_KINDS.contains(t.word(kindAt)) ? kindAt + 2 : kindAt + 1;
        }

        private String kind(int kindAt) {
            return TWO_WORD_KINDS.contains(t.word(kindAt)) ? t.word(kindAt) + " " + t.word(kindAt + 1)
                    : t.word(kindAt);
        }

        private void create() {
            int kindAt = 1;
            if (t.is(kindAt, "OR", "REPLACE")) {
                kindAt += 2;
            }
            while (CREATE_MODIFIERS.contains(t.word(kindAt))) {
                kindAt++;
            }
            String kind = kind(kindAt);
            String what = "CREATE " + kind;
            int i = afterKind(kindAt);
            if (kind.equals("INDEX")) {
                if (t.is(i, "CONCURRENTLY")) {
                    i++;
                }
                if (t.is(i, "ON")) {
                    t.report(kindAt, "guard", "an unnamed index cannot be guarded: name it and write CREATE INDEX"
                            + " IF NOT EXISTS <name>");
                } else if (!t.is(i, "IF", "NOT", "EXISTS")) {
                    t.report(kindAt, "guard", "not idempotent: write CREATE INDEX IF NOT EXISTS");
                }
                onTable(i, what);
                return;
            }
            if (GUARDED_CREATE.contains(kind)) {
                if (t.is(i, "IF", "NOT", "EXISTS")) {
                    i += 3;
                } else {
                    t.report(kindAt, "guard", "not idempotent: write " + what + " IF NOT EXISTS");
                }
            }
            switch (kind) {
                case "SCHEMA" -> schemaName(i, what);
                case "TABLE" -> {
                    Name name = target(i, what);
                    if (name != null && t.isSymbol(name.end(), "(")) {
                        table(name.end());
                    }
                }
                case "DOMAIN" -> {
                    Name name = target(i, what);
                    int at = t.find(i, 0, "DEFAULT");
                    if (name != null && at >= 0) {
                        boolean uuid = t.find(i, 0, "UUID") >= 0 && t.find(i, 0, "UUID") < at;
                        defaultValue(at, t.size(), uuid ? "domain " + name.name() : null);
                    }
                }
                case "RULE" -> {
                    int on = t.find(i, 0, "ON");
                    int to = on < 0 ? -1 : t.find(on, 0, "TO");
                    if (to >= 0) {
                        target(to + 1, what);
                    }
                }
                case "TRIGGER", "POLICY" -> onTable(i, what);
                default -> {
                    if (NAMED_KINDS.contains(kind)) {
                        target(i, what);
                    }
                }
            }
        }

        private void alter() {
            int kindAt = 1;
            String kind = kind(kindAt);
            String what = "ALTER " + kind;
            int i = afterKind(kindAt);
            if (t.is(i, "IF", "EXISTS")) {
                i += 2;
            }
            if (t.is(i, "ONLY")) {
                i++;
            }
            if (t.is(i, "ALL", "IN")) {
                return; // ALTER TABLE ALL IN TABLESPACE
            }
            if (kind.equals("SCHEMA")) {
                schemaName(i, what);
            } else if (ON_TABLE_KINDS.contains(kind)) {
                onTable(i, what);
            } else if (NAMED_KINDS.contains(kind)) {
                Name name = target(i, what);
                if (name == null) {
                    return;
                }
                if (kind.equals("TABLE")) {
                    alterTable(t.isSymbol(name.end(), "*") ? name.end() + 1 : name.end());
                } else if (kind.equals("TYPE") && t.is(name.end(), "ADD", "VALUE")
                        && !t.is(name.end() + 2, "IF", "NOT", "EXISTS")) {
                    t.report(name.end(), "guard", "not idempotent: write ALTER TYPE ... ADD VALUE IF NOT EXISTS");
                }
            }
        }

        private void alterTable(int from) {
            for (Range action : t.items(from, t.size())) {
                int a = action.from();
                switch (t.word(a)) {
                    case "ADD" -> {
                        int j = t.is(a + 1, "COLUMN") ? a + 2 : a + 1;
                        if (TABLE_CONSTRAINTS.contains(t.word(j))) {
                            continue; // PostgreSQL has no IF NOT EXISTS for constraints
                        }
                        if (t.is(j, "IF", "NOT", "EXISTS")) {
                            j += 3;
                        } else {
                            t.report(a, "guard", "not idempotent: write ADD COLUMN IF NOT EXISTS");
                        }
                        if (t.isName(j)) {
                            column(j, action.to());
                        }
                    }
                    case "DROP" -> {
                        String what = t.is(a + 1, "CONSTRAINT") ? "DROP CONSTRAINT" : "DROP COLUMN";
                        int j = t.is(a + 1, "COLUMN") || t.is(a + 1, "CONSTRAINT") ? a + 2 : a + 1;
                        if (!t.is(j, "IF", "EXISTS")) {
                            t.report(a, "guard", "not idempotent: write " + what + " IF EXISTS");
                        }
                    }
                    case "ALTER" -> {
                        int at = t.find(a, 0, "SET", "DEFAULT");
                        if (at >= 0 && at < action.to()) {
                            defaultValue(at + 1, action.to(), null);
                        }
                    }
                    default -> {
                    }
                }
            }
        }

        private void drop() {
            if (t.is(1, "OWNED")) {
                return;
            }
            int kindAt = 1;
            String kind = kind(kindAt);
            String what = "DROP " + kind;
            int i = afterKind(kindAt);
            if (t.is(i, "CONCURRENTLY")) {
                i++;
            }
            int guard = t.find(1, 0, "IF", "EXISTS"); // after the kind, which may be several words
            if (t.is(i, "IF", "EXISTS")) {
                i += 2;
            } else if (guard < 0 || guard > 5) {
                t.report(kindAt, "guard", "not idempotent: write " + what + " IF EXISTS");
            }
            if (kind.equals("SCHEMA")) {
                for (Range item : t.items(i, t.size())) {
                    schemaName(item.from(), what);
                }
            } else if (ON_TABLE_KINDS.contains(kind)) {
                onTable(i, what);
            } else if (NAMED_KINDS.contains(kind)) {
                for (Range item : t.items(i, t.size())) {
                    target(item.from(), what);
                }
            }
        }

        /** CREATE TABLE's column and constraint list, opened at {@code open}. */
        private void table(int open) {
            Map<String, Boolean> uuidColumns = new HashMap<>();
            List<Range> constraints = new ArrayList<>();
            for (Range element : t.items(open)) {
                if (TABLE_CONSTRAINTS.contains(t.word(element.from()))) {
                    constraints.add(element);
                } else if (t.isName(element.from())) {
                    uuidColumns.put(t.identifier(element.from()), column(element.from(), element.to()));
                }
            }
            for (Range constraint : constraints) {
                int key = t.find(constraint.from(), t.depth(constraint.from()), "PRIMARY", "KEY");
                if (key < 0 || key >= constraint.to() || !t.isSymbol(key + 2, "(")) {
                    continue;
                }
                List<Range> keyColumns = t.items(key + 2);
                Range only = keyColumns.get(0);
                if (keyColumns.size() == 1 && only.to() == only.from() + 1 && t.isName(only.from())
                        && Boolean.FALSE.equals(uuidColumns.get(t.identifier(only.from())))) {
                    t.report(key, "primary-key", "primary key " + t.identifier(only.from()) + " is not a uuid: key"
                            + " tables by a uuid the application generates (keep natural keys UNIQUE)");
                }
            }
        }

        /** A column definition in {@code [at, end)}: checks its DEFAULT and PRIMARY KEY; true if it is a uuid. */
        private boolean column(int at, int end) {
            String name = t.identifier(at);
            boolean uuid = t.is(at + 1, "UUID") && !t.isSymbol(at + 2, "[");
            int level = t.depth(at);
            for (int j = at + 1; j < end; j++) {
                if (t.depth(j) != level) {
                    continue;
                }
                if (t.is(j, "DEFAULT") && !t.is(j - 1, "BY")) {
                    defaultValue(j, end, uuid ? "uuid column " + name : null);
                } else if (t.is(j, "PRIMARY", "KEY") && !uuid) {
                    t.report(j, "primary-key", "primary key " + name + " is " + t.text(at + 1).toLowerCase(Locale.ROOT)
                            + ", not uuid: key tables by a uuid the application generates (keep natural keys UNIQUE)");
                }
            }
            return uuid;
        }

        /** A DEFAULT at {@code at} whose expression runs to {@code end}; {@code uuidColumn} names a uuid target. */
        private void defaultValue(int at, int end, String uuidColumn) {
            for (int j = at + 1; j < end; j++) {
                String word = t.word(j);
                if (word.equals("GEN_RANDOM_UUID") || word.startsWith("UUID_GENERATE_") || word.startsWith("UUIDV")) {
                    t.report(at, "uuid-default", "DEFAULT " + t.text(j) + "(): UUIDs are generated by the"
                            + " application, not the database; drop the default");
                    return;
                }
            }
            if (uuidColumn != null) {
                t.report(at, "uuid-default", uuidColumn + " has a DEFAULT: UUIDs are generated by the application,"
                        + " not the database; drop the default");
            }
        }

        private void timestamps() {
            for (int i = 0; i < t.size(); i++) {
                if (!t.is(i, "TIMESTAMP")) {
                    continue;
                }
                int after = t.isSymbol(i + 1, "(") ? t.close(i + 1) + 1 : i + 1;
                if (t.is(after, "WITH", "TIME", "ZONE")) {
                    continue;
                }
                // "(timestamp timestamptz" or "ADD COLUMN timestamp ...": a column named timestamp, not the type
                boolean columnName = (t.isSymbol(i - 1, "(") || t.isSymbol(i - 1, ",") || t.is(i - 1, "COLUMN")
                        || t.is(i - 1, "ADD") || t.is(i - 1, "EXISTS"))
                        && t.isName(i + 1) && !t.is(i + 1, "WITH") && !t.is(i + 1, "WITHOUT");
                if (!columnName) {
                    t.report(i, "timestamptz", "TIMESTAMP" + (t.is(after, "WITHOUT") ? " WITHOUT TIME ZONE" : "")
                            + ": use TIMESTAMPTZ");
                }
            }
        }

        /** The table after the first top-level ON from {@code i} (CREATE INDEX, CREATE/ALTER/DROP TRIGGER ...). */
        private void onTable(int i, String what) {
            int on = t.find(i, 0, "ON");
            if (on >= 0) {
                target(t.is(on + 1, "ONLY") ? on + 2 : on + 1, what);
            }
        }

        /** Reports a name at {@code i} outside schema orchestrator; returns the name, or null if there is none. */
        private Name target(int i, String what) {
            Name name = t.name(i);
            if (name == null) {
                return null;
            }
            if (name.schema() == null) {
                t.report(i, "schema", what + " " + name.name() + ": qualify it as " + SCHEMA + "." + name.name());
            } else if (!name.schema().equals(SCHEMA)) {
                t.report(i, "schema", what + " " + name.schema() + "." + name.name() + " is outside schema " + SCHEMA
                        + ": all DDL targets " + SCHEMA);
            }
            return name;
        }

        private void schemaName(int i, String what) {
            Name name = t.name(i);
            if (name != null && !t.is(i, "AUTHORIZATION") && !name.name().equals(SCHEMA)) {
                t.report(i, "schema", what + " " + name.name() + ": the schema is " + SCHEMA);
            }
        }
    }
}
