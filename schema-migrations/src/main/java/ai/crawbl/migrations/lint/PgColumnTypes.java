package ai.crawbl.migrations.lint;

import ai.crawbl.migrations.lint.PgDdl.AddColumn;
import ai.crawbl.migrations.lint.PgDdl.AlterColumnType;
import ai.crawbl.migrations.lint.PgDdl.AlterTable;
import ai.crawbl.migrations.lint.PgDdl.Column;
import ai.crawbl.migrations.lint.PgDdl.CreateTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The column types the migration guide rules out, wherever a type is written (a column definition, ALTER COLUMN ...
 * TYPE, a {@code ::} cast or CAST): {@code timestamptz}, {@code json-type}, {@code serial-type}, {@code char-type},
 * {@code varchar-type}, and {@code vector-schema} (pgvector's types written without the schema they live in).
 */
final class PgColumnTypes implements PgCheck {

    static final Rule TIMESTAMPTZ = Rule.error("timestamptz",
            "TIMESTAMP without time zone stores wall-clock time with no zone: the same instant reads differently per session",
            "use timestamptz");
    static final Rule JSON = Rule.error("json-type",
            "json keeps the text as written: no indexing, no containment operators, reparsed on every read",
            "use jsonb");
    static final Rule SERIAL = Rule.error("serial-type",
            "serial creates a sequence the table does not fully own and a DB-side key; the guide keys tables by application-generated uuids",
            "use a uuid the application generates, or integer GENERATED ALWAYS AS IDENTITY for a counter");
    static final Rule CHAR = Rule.error("char-type",
            "char(n) pads with spaces, compares surprisingly and is no faster than text",
            "use text (with a CHECK on length(...) if the length matters)");
    static final Rule VARCHAR = Rule.error("varchar-type",
            "the guide says text: varchar(n) is text with a length limit whose change later rewrites or locks the table",
            "use text (with a CHECK on length(...) if the length matters)");
    static final Rule VECTOR_SCHEMA = Rule.error("vector-schema",
            "an unqualified vector/halfvec/sparsevec resolves through the search_path: a connection with search_path=orchestrator finds no such type",
            "write the type with pgvector's schema: public.vector(N), public.halfvec(N), public.sparsevec(N)");

    private static final Set<String> SERIALS = Set.of("SERIAL", "BIGSERIAL", "SMALLSERIAL", "SERIAL2", "SERIAL4",
            "SERIAL8");
    private static final Set<String> VECTORS = Set.of("VECTOR", "HALFVEC", "SPARSEVEC");

    @Override
    public List<Rule> rules() {
        return List.of(TIMESTAMPTZ, JSON, SERIAL, CHAR, VARCHAR, VECTOR_SCHEMA);
    }

    @Override
    public void check(PgStatement s) {
        StatementTokens t = s.tokens();
        for (int at : typePositions(s.ddl(), t)) {
            type(s, t, at);
        }
    }

    /** The token indexes where a type starts. */
    static List<Integer> typePositions(PgDdl ddl, StatementTokens t) {
        List<Integer> types = new ArrayList<>();
        if (ddl instanceof CreateTable c) {
            c.columns().forEach(column -> types.add(column.typeAt()));
        } else if (ddl instanceof AlterTable a) {
            for (var action : a.actions()) {
                if (action instanceof AddColumn add) {
                    types.add(add.column().typeAt());
                } else if (action instanceof AlterColumnType alter) {
                    int type = t.find(alter.at(), t.depth(alter.at()), "TYPE");
                    if (type >= 0) {
                        types.add(type + 1);
                    }
                }
            }
        }
        for (int i = 0; i + 2 < t.size(); i++) {
            if (t.isSymbol(i, ":") && t.isSymbol(i + 1, ":")) {
                types.add(i + 2);
            } else if (t.is(i, "CAST") && t.isSymbol(i + 1, "(")) {
                int as = t.find(i + 2, t.depth(i) + 1, "AS");
                if (as >= 0 && as < t.close(i + 1)) {
                    types.add(as + 1);
                }
            }
        }
        return types;
    }

    private static void type(PgStatement s, StatementTokens t, int at) {
        boolean qualified = t.isName(at) && t.isSymbol(at + 1, ".");
        int word = qualified ? at + 2 : at;
        String type = t.word(word);
        int after = t.isSymbol(word + 1, "(") ? t.close(word + 1) + 1 : word + 1;
        if (type.equals("TIMESTAMP") && !t.is(after, "WITH", "TIME", "ZONE")) {
            s.report(TIMESTAMPTZ, word, "TIMESTAMP" + (t.is(after, "WITHOUT") ? " WITHOUT TIME ZONE" : "")
                    + ": use timestamptz");
        } else if (type.equals("JSON")) {
            s.report(JSON, word, "json column: use jsonb");
        } else if (SERIALS.contains(type)) {
            s.report(SERIAL, word, t.text(word) + ": use a uuid the application generates (or GENERATED ALWAYS AS"
                    + " IDENTITY)");
        } else if (type.equals("CHAR") || type.equals("BPCHAR") || type.equals("NCHAR")
                || type.equals("CHARACTER") && !t.is(word + 1, "VARYING")) {
            s.report(CHAR, word, t.text(word) + ": use text");
        } else if (type.equals("VARCHAR") || type.equals("CHARACTER")) {
            s.report(VARCHAR, word, (type.equals("VARCHAR") ? t.text(word) : "character varying") + ": use text");
        } else if (VECTORS.contains(type) && !qualified) {
            s.report(VECTOR_SCHEMA, word, t.text(word) + " without its schema: write public." + t.text(word)
                    .toLowerCase(java.util.Locale.ROOT) + (t.isSymbol(word + 1, "(") ? "(...)" : ""));
        }
    }

    /** True when the column's type is pgvector's vector, halfvec or sparsevec written without a dimension. */
    static boolean dimensionless(String type) {
        String bare = type.startsWith("public.") ? type.substring("public.".length()) : type;
        return Set.of("vector", "halfvec", "sparsevec").contains(bare);
    }

    /** The column's type words, for messages. */
    static String typeText(StatementTokens t, Column column) {
        StringBuilder text = new StringBuilder();
        for (int i = column.typeAt(); i < column.typeEnd(); i++) {
            text.append(t.text(i));
        }
        return text.toString();
    }
}
