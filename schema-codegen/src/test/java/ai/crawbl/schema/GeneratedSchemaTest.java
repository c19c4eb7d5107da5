package ai.crawbl.schema;

import ai.crawbl.migrations.MigrationTarget;
import ai.crawbl.migrations.Migrator;
import ai.crawbl.migrations.source.MigrationSource;
import ai.crawbl.migrations.source.NamingScheme;
import ai.crawbl.migrations.target.PostgresTarget;
import ai.crawbl.migrations.testing.EmbeddedPostgresExtension;
import ai.crawbl.migrations.testing.PostgresDatabase;
import ai.crawbl.schema.orchestrator.Orchestrator;
import ai.crawbl.schema.types.Vector;
import com.fasterxml.jackson.databind.JsonNode;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DAOImpl;
import org.jooq.impl.TableRecordImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The compiled classes against the catalog of a freshly migrated database: one class set per table, types mapped. */
@ExtendWith(EmbeddedPostgresExtension.class)
class GeneratedSchemaTest {

    private static final String PACKAGE = "ai.crawbl.schema.orchestrator.tables";
    private static final Map<String, Class<?>> JAVA_TYPES = Map.of(
            "vector", Vector.class, "jsonb", JsonNode.class, "timestamptz", Instant.class,
            "_text", String[].class, "numeric", java.math.BigDecimal.class, "uuid", java.util.UUID.class);

    private final PostgresDatabase database;

    GeneratedSchemaTest(PostgresDatabase database) {
        this.database = database;
        Migrator.configure()
                .source(MigrationSource.directory(CodegenRun.projectMigrations(), NamingScheme.POSTGRES))
                .target(PostgresTarget.at(database.endpoint()))
                .load().migrate();
    }

    @Test
    void everyTableOfTheMigratedSchemaHasItsTableRecordPojoAndDao() throws Exception {
        Set<String> migrated = new TreeSet<>(database.query("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = 'orchestrator' AND table_name <> '%s'""".formatted(MigrationTarget.HISTORY_TABLE))
                .stream().map(List::getFirst).toList());
        Set<String> generated = Orchestrator.ORCHESTRATOR.getTables().stream().map(Table::getName)
                .collect(Collectors.toCollection(TreeSet::new));

        assertEquals(migrated, generated);
        assertTrue(generated.containsAll(Set.of("users", "agents", "conversations", "messages", "memory_drawers",
                "tools", "models", "usage_plans", "memory_type_centroids")), generated.toString());
        assertFalse(generated.contains("agent_memories"), "dropped by 000012");
        for (String table : generated) {
            String type = pascal(table);
            assertTrue(TableRecordImpl.class.isAssignableFrom(Class.forName(PACKAGE + ".records." + type + "Record")), table);
            assertNotNull(Class.forName(PACKAGE + ".pojos." + type), table);
            assertTrue(DAOImpl.class.isAssignableFrom(Class.forName(PACKAGE + ".daos." + type + "Dao")), table);
        }
        assertNotNull(Class.forName("ai.crawbl.schema.orchestrator.Keys"));
        assertNotNull(Class.forName("ai.crawbl.schema.orchestrator.Indexes"));
    }

    @Test
    void everyVectorJsonbTimestampArrayAndNumericColumnHasItsJavaType() throws Exception {
        List<List<String>> columns = database.query("""
                SELECT table_name, column_name, udt_name FROM information_schema.columns
                WHERE table_schema = 'orchestrator' AND table_name <> '%s'
                  AND udt_name IN ('vector', 'jsonb', 'timestamptz', '_text', 'numeric', 'uuid')""".formatted(MigrationTarget.HISTORY_TABLE));
        assertTrue(columns.stream().anyMatch(column -> column.get(2).equals("vector")), "the schema has vector columns");
        for (List<String> column : columns) {
            Field<?> field = Orchestrator.ORCHESTRATOR.getTable(column.get(0)).field(column.get(1));
            assertEquals(JAVA_TYPES.get(column.get(2)), field.getType(), column.get(0) + "." + column.get(1));
        }
    }

    private static String pascal(String snake) {
        StringBuilder name = new StringBuilder();
        for (String part : snake.split("_")) {
            name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return name.toString();
    }
}
