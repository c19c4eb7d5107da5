package ai.crawbl.migrations.postgres;

import ai.crawbl.migrations.testing.EmbeddedPostgresExtension;
import ai.crawbl.migrations.testing.PostgresDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(EmbeddedPostgresExtension.class)
class PgvectorOnEmbeddedServerTest {

    private static PostgresDatabase database;

    @BeforeAll
    static void createItems(PostgresDatabase db) throws SQLException {
        database = db;
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE items (id bigint PRIMARY KEY, embedding vector(3))");
            statement.execute("INSERT INTO items SELECT i, ARRAY[i % 7, i % 11, i % 13]::real[]::vector FROM generate_series(1, 2000) i");
            statement.execute("ANALYZE items");
        }
    }

    @Test
    void cosineDistanceOfTwoVectorsIsComputedByPgvector() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT '[1,2,3]'::vector <=> '[1,2,4]'")) {
            rs.next();
            double expected = 1 - (1 + 4 + 12) / (Math.sqrt(14) * Math.sqrt(21));
            assertEquals(expected, rs.getDouble(1), 1e-6);
        }
    }

    @Test
    void hnswIndexIsBuiltAndUsedForNearestNeighbours() throws SQLException {
        assertIndexServesNearestNeighbours("items_hnsw", "CREATE INDEX items_hnsw ON items USING hnsw (embedding vector_cosine_ops)");
    }

    @Test
    void ivfflatIndexIsBuiltAndUsedForNearestNeighbours() throws SQLException {
        assertIndexServesNearestNeighbours("items_ivfflat",
                "CREATE INDEX items_ivfflat ON items USING ivfflat (embedding vector_cosine_ops) WITH (lists = 10)");
    }

    private static void assertIndexServesNearestNeighbours(String index, String ddl) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(ddl);
            try (ResultSet rs = statement.executeQuery("SELECT indisvalid FROM pg_index WHERE indexrelid = '" + index + "'::regclass")) {
                rs.next();
                assertTrue(rs.getBoolean(1), index + " is valid");
            }
            statement.execute("SET enable_seqscan = off");
            List<String> plan = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("EXPLAIN SELECT id FROM items ORDER BY embedding <=> '[1,2,3]' LIMIT 5")) {
                while (rs.next()) {
                    plan.add(rs.getString(1));
                }
            }
            assertTrue(plan.stream().anyMatch(line -> line.contains(index)), "plan uses " + index + ": " + plan);
            statement.execute("DROP INDEX " + index);
        }
    }
}
