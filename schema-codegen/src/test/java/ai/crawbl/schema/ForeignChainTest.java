package ai.crawbl.schema;

import ai.crawbl.migrations.Migrator;
import ai.crawbl.migrations.source.MigrationSource;
import ai.crawbl.migrations.source.NamingScheme;
import ai.crawbl.migrations.target.PostgresTarget;
import ai.crawbl.migrations.testing.EmbeddedPostgresExtension;
import ai.crawbl.migrations.testing.PostgresDatabase;
import org.jooq.DAO;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A chain shaped like a real orchestrator's rather than ours ({@code src/test/resources/chains/unqualified-extension}):
 * its first migration runs {@code CREATE EXTENSION IF NOT EXISTS vector;} with no schema, a later one names
 * {@code public.vector(1536)}, and its tables have identity ids and a computed column. Generated with no setting at
 * all (the embedded default), compiled, and used through its DAOs on a database migrated with the same chain.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings({"rawtypes", "unchecked"})
class ForeignChainTest {

    static final Path CHAIN = Path.of("src/test/resources/chains/unqualified-extension").toAbsolutePath();
    /** Not the package of our own generated classes, which the test's class path already holds. */
    private static final String PACKAGE = "com.example.documents.db.";

    private CodegenRun run;
    private CompiledClasses classes;
    private Connection connection;
    private DSLContext ctx;

    @BeforeAll
    void generateCompileAndMigrate(PostgresDatabase database, @TempDir Path tmp) throws Exception {
        run = new CodegenRun(CHAIN, tmp.resolve("generated"), Map.of(), "com.example.documents.db");
        run.generate();
        classes = CompiledClasses.compile(run.target(), Files.createDirectories(tmp.resolve("classes")));
        Migrator.configure().source(MigrationSource.directory(CHAIN, NamingScheme.POSTGRES))
                .target(PostgresTarget.at(database.endpoint())).load().migrate();
        connection = database.connect();
        ctx = DSL.using(connection, SQLDialect.POSTGRES);
    }

    @AfterAll
    void close() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (classes != null) {
            classes.close();
        }
    }

    @Test
    void theChainGeneratesOnTheEmbeddedDefaultWithPgvectorInPublic() throws Exception {
        String embeddings = run.source("tables/DocumentEmbeddings.java");
        assertTrue(embeddings.contains("TableField<DocumentEmbeddingsRecord, Vector> EMBEDDING"), embeddings);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private DAO documentsDao() throws ReflectiveOperationException {
        return (DAO) classes.type(PACKAGE + "tables.daos.DocumentsDao").getConstructor(org.jooq.Configuration.class)
                .newInstance(ctx.configuration());
    }

    @SuppressWarnings("unchecked")
    private Table<TableRecord<?>> documents() throws ReflectiveOperationException {
        return (Table<TableRecord<?>>) classes.constant(PACKAGE + "Tables", "DOCUMENTS");
    }

    /** A POJO as a service fills one: {@code values} by column name, everything else null. */
    private Object pojo(Map<String, Object> values) throws ReflectiveOperationException {
        Table<TableRecord<?>> documents = documents();
        Record record = ctx.newRecord(documents);
        values.forEach((column, value) -> set(record, documents.field(column), value));
        return record.into(documentsDao().getType());
    }

    @SuppressWarnings("unchecked")
    private static <T> void set(Record record, org.jooq.Field<T> field, Object value) {
        record.set(field, field.getDataType().convert(value));
    }

    private Record row(String title) throws ReflectiveOperationException {
        Table<TableRecord<?>> documents = documents();
        return ctx.selectFrom(documents).where(documents.field("title", String.class).eq(title)).fetchOne();
    }

    @Test
    void aDaoInsertLeavesTheIdentityAndTheComputedColumnToTheDatabase() throws Exception {
        documentsDao().insert(pojo(Map.of("title", "Hello World", "body", "x")));

        Record inserted = row("Hello World");
        assertEquals("hello-world", inserted.get("slug"));
        assertTrue(inserted.get("id", Long.class) > 0);
    }

    @Test
    void aDaoInsertIgnoresValuesAPojoHoldsForReadOnlyColumns() throws Exception {
        documentsDao().insert(pojo(Map.of("id", 999_999L, "title", "Read Only", "body", "x", "slug", "made-up")));

        Record inserted = row("Read Only");
        assertEquals("read-only", inserted.get("slug"));
        assertTrue(inserted.get("id", Long.class) != 999_999L, "the identity made the id");
    }

    @Test
    void aFetchedPojoUpdatesThroughTheDaoAndItsComputedColumnFollows() throws Exception {
        DAO dao = documentsDao();
        dao.insert(pojo(Map.of("title", "Before Edit", "body", "x")));
        Record fetched = row("Before Edit");
        Object pojo = dao.findById(fetched.get("id", Long.class));
        Record edited = ctx.newRecord(documents(), pojo);
        set(edited, documents().field("title"), "After Edit");

        dao.update(edited.into(dao.getType()));

        assertEquals("after-edit", row("After Edit").get("slug"));
    }

    @Test
    void theDaosListenerKeepsReadOnlyColumnsOutOfRecordsOnAnyConfigurationThatAppendsIt() throws Exception {
        org.jooq.RecordListener readOnly = (org.jooq.RecordListener) classes.constant(PACKAGE + "tables.daos.DocumentsDao", "READ_ONLY_COLUMNS");
        DSLContext service = DSL.using(ctx.configuration().deriveAppending(readOnly));
        Object pojo = pojo(Map.of("title", "Own Context", "body", "x", "slug", "made-up"));

        ((TableRecord<?>) service.newRecord(documents(), pojo)).insert();

        assertEquals("own-context", row("Own Context").get("slug"));
    }

    @Test
    void withoutTheListenerARecordMadeFromAPojoWritesItsComputedColumnAndTheDatabaseRefuses() throws Exception {
        Object pojo = pojo(Map.of("title", "Plain Context", "body", "x"));

        DataAccessException failure = assertThrows(DataAccessException.class, () -> ((TableRecord<?>) ctx.newRecord(documents(), pojo)).insert());

        assertTrue(failure.getMessage().contains("cannot insert a non-DEFAULT value into column \"slug\""), failure.getMessage());
    }

    @Test
    void aDaoInsertOfNullsGivesNotNullColumnsTheirDefaultsAndNullableOnesNull() throws Exception {
        documentsDao().insert(pojo(Map.of("title", "Defaults")));

        Record inserted = row("Defaults");
        assertEquals("", inserted.get("body"), "NOT NULL with a default: the default");
        assertTrue(inserted.get("created_at") != null, "NOT NULL with a default: the default");
        assertNull(inserted.get("pinned"), "nullable with a default: NULL, as the POJO says");
    }

    @Test
    void aDaoInsertOfANullIntoANotNullColumnWithoutDefaultFails() throws Exception {
        DAO dao = documentsDao();
        Object untitled = pojo(Map.of("body", "no title"));

        DataAccessException failure = assertThrows(DataAccessException.class, () -> dao.insert(untitled));

        assertTrue(failure.getMessage().contains("null value in column \"title\""), failure.getMessage());
        assertEquals(0, ctx.fetchCount(DSL.table("orchestrator.documents"), DSL.field("body").eq("no title")));
    }
}
