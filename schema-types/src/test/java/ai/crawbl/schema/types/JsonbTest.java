package ai.crawbl.schema.types;

import ai.crawbl.migrations.testing.EmbeddedPostgresExtension;
import ai.crawbl.migrations.testing.PostgresDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The jsonb helpers on a {@code Field<JsonNode>} declared as generated code declares a {@code jsonb} column, in
 * {@code select}, {@code where} and {@code update}, with bind variables and with every value inlined into a plain
 * statement (where pgJDBC must still turn {@code ??} into PostgreSQL's {@code ?}).
 */
@ExtendWith(EmbeddedPostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsonbTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Table<Record> DOCS = DSL.table(DSL.name("app", "docs"));
    private static final Field<Integer> ID = DSL.field(DSL.name("id"), SQLDataType.INTEGER);
    private static final Field<JsonNode> BODY = DSL.field(DSL.name("body"),
            SQLDataType.JSONB.asConvertedDataType(new JsonbNodeConverter()));

    /** How statements reach the server. */
    enum Statements {
        PREPARED(StatementType.PREPARED_STATEMENT),
        INLINED(StatementType.STATIC_STATEMENT);

        final StatementType type;

        Statements(StatementType type) {
            this.type = type;
        }
    }

    private Connection connection;

    @BeforeAll
    void aTableOfDocuments(PostgresDatabase database) throws Exception {
        database.execute("CREATE SCHEMA app", "CREATE TABLE app.docs (id integer PRIMARY KEY, body jsonb)");
        connection = database.connect();
    }

    @AfterAll
    void close() throws Exception {
        connection.close();
    }

    @BeforeEach
    void threeDocuments() throws Exception {
        DSLContext ctx = DSL.using(connection, SQLDialect.POSTGRES);
        ctx.deleteFrom(DOCS).execute();
        ctx.insertInto(DOCS, ID, BODY)
                .values(1, json("{\"model\": {\"name\": \"gpt-5-mini\", \"temperature\": 0.7}, \"tags\": [\"a\", \"b\"]}"))
                .values(2, json("{\"model\": {\"name\": \"claude\"}, \"what?\": true}"))
                .values(3, json("[\"model\", 1]"))
                .execute();
    }

    private static DSLContext ctx(Connection connection, Statements statements) {
        return DSL.using(connection, SQLDialect.POSTGRES, new Settings().withStatementType(statements.type));
    }

    @ParameterizedTest
    @EnumSource(Statements.class)
    void getsKeysAndPathsAsJsonOrText(Statements statements) throws Exception {
        Record row = ctx(connection, statements)
                .select(Jsonb.get(BODY, "model"), Jsonb.getText(BODY, "model"), Jsonb.path(BODY, "model", "temperature"),
                        Jsonb.pathText(BODY, "model", "name"), Jsonb.path(BODY, "tags", "1"), Jsonb.get(Jsonb.get(BODY, "tags"), 0),
                        Jsonb.get(BODY, "missing"))
                .from(DOCS).where(ID.eq(1)).fetchOne();
        assertEquals(json("{\"name\": \"gpt-5-mini\", \"temperature\": 0.7}"), row.get(0));
        assertEquals(json("{\"name\": \"gpt-5-mini\", \"temperature\": 0.7}"), json((String) row.get(1)));
        assertEquals(json("0.7"), row.get(2));
        assertEquals("gpt-5-mini", row.get(3), "->> and #>> give a string without its quotes");
        assertEquals(json("\"b\""), row.get(4));
        assertEquals(json("\"a\""), row.get(5));
        assertNull(row.get(6));
    }

    @ParameterizedTest
    @EnumSource(Statements.class)
    void filtersByContainmentAndKeyExistence(Statements statements) throws Exception {
        DSLContext ctx = ctx(connection, statements);
        assertEquals(List.of(2), ctx.select(ID).from(DOCS)
                .where(Jsonb.contains(BODY, json("{\"model\": {\"name\": \"claude\"}}"))).fetch(ID));
        assertEquals(List.of(1, 2, 3), ctx.select(ID).from(DOCS).where(Jsonb.hasKey(BODY, "model")).orderBy(ID).fetch(ID),
                "an array has the key when it holds the string");
        assertEquals(List.of(2), ctx.select(ID).from(DOCS).where(Jsonb.hasKey(BODY, "what?")).fetch(ID),
                "a question mark inside the key is data, not a bind marker");
        assertEquals(List.of(1), ctx.select(ID).from(DOCS)
                .where(Jsonb.getText(Jsonb.get(BODY, "model"), "name").eq("gpt-5-mini").and(Jsonb.hasKey(BODY, "tags"))).fetch(ID));
    }

    @ParameterizedTest
    @EnumSource(Statements.class)
    void setsOneKeyInAnUpdateAndLeavesTheRest(Statements statements) throws Exception {
        DSLContext ctx = ctx(connection, statements);
        int updated = ctx.update(DOCS)
                .set(BODY, Jsonb.set(BODY, json("0.2"), "model", "temperature"))
                .where(Jsonb.hasKey(BODY, "model").and(Jsonb.contains(BODY, json("{\"model\": {}}"))))
                .execute();
        assertEquals(2, updated);
        assertEquals(json("{\"model\": {\"name\": \"gpt-5-mini\", \"temperature\": 0.2}, \"tags\": [\"a\", \"b\"]}"),
                ctx.select(BODY).from(DOCS).where(ID.eq(1)).fetchOne(BODY));
        assertEquals(json("{\"model\": {\"name\": \"claude\", \"temperature\": 0.2}, \"what?\": true}"),
                ctx.select(BODY).from(DOCS).where(ID.eq(2)).fetchOne(BODY), "a missing last key is added");
    }

    @Test
    void keyExistenceIsTheOperatorAGinIndexServesAndNotTheFunction() {
        DSLContext ctx = DSL.using(connection, SQLDialect.POSTGRES);
        ctx.execute("CREATE INDEX IF NOT EXISTS docs_body_gin ON app.docs USING gin (body)");
        ctx.execute("SET enable_seqscan = off");
        try {
            String operator = ctx.explain(ctx.select(ID).from(DOCS).where(Jsonb.hasKey(BODY, "model"))).plan();
            String function = ctx.explain(ctx.select(ID).from(DOCS)
                    .where(DSL.condition("jsonb_exists({0}, {1})", BODY, DSL.inline("model")))).plan();
            assertTrue(operator.contains("docs_body_gin"), operator);
            assertTrue(!function.contains("docs_body_gin"), function);
        } finally {
            ctx.execute("RESET enable_seqscan");
        }
    }

    @Test
    void rendersPostgresqlsOwnOperatorsAndFunctions() throws Exception {
        DSLContext ctx = DSL.using(SQLDialect.POSTGRES);
        String sql = ctx.render(DSL.select(Jsonb.get(BODY, "k"), Jsonb.getText(BODY, "k"), Jsonb.path(BODY, "a"),
                Jsonb.pathText(BODY, "a"), Jsonb.set(BODY, json("1"), "a")).where(Jsonb.contains(BODY, json("{}")), Jsonb.hasKey(BODY, "k")));
        for (String part : new String[] {"\"body\" -> ", "\"body\" ->> ", "\"body\" #> ", "\"body\" #>> ", "jsonb_set(\"body\", ",
                "\"body\" @> ", "\"body\" ?? "}) {
            assertTrue(sql.contains(part), part + " in " + sql);
        }
        assertTrue(!sql.contains("json_set") && !sql.contains("jsonb_exists"), sql);
        assertTrue(ctx.render(DSL.jsonbSet(BODY.coerce(SQLDataType.JSONB), "$.a", 1)).startsWith("json_set("),
                "why these helpers exist: jOOQ's own jsonbSet renders MySQL's function on PostgreSQL");
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
