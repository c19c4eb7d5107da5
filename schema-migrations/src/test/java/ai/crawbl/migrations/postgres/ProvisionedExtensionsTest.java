package ai.crawbl.migrations.postgres;

import ai.crawbl.migrations.testing.EmbeddedPostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Databases the toolkit provisions itself get the configured extensions in {@code public} before anything runs in
 * them; a user's own database never does.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class ProvisionedExtensionsTest {

    private final PostgresServer server;

    ProvisionedExtensionsTest(PostgresServer server) {
        this.server = server;
    }

    /** A new database made from template1, which has no extension at all. */
    private PostgresEndpoint bareDatabase() throws SQLException {
        String name = "bare_" + UUID.randomUUID().toString().substring(0, 8);
        server.createDatabase(name, null);
        return server.endpoint(name);
    }

    /** Each extension of the database with the schema it lives in, e.g. {@code vector in public}. */
    private static List<String> extensions(PostgresEndpoint database) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT extname, extnamespace::regnamespace FROM pg_extension"
                     + " WHERE extname <> 'plpgsql' ORDER BY 1")) {
            while (rs.next()) {
                found.add(rs.getString(1) + " in " + rs.getString(2));
            }
        }
        return found;
    }

    @Test
    void theDefaultIsPgvectorInPublicWhateverTheSearchPathSays() throws Exception {
        PostgresEndpoint database = bareDatabase();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA orchestrator");
            statement.execute("ALTER DATABASE " + database.jdbcUrl().substring(database.jdbcUrl().lastIndexOf('/') + 1)
                    + " SET search_path = orchestrator, public");
        }

        ProvisionedExtensions.DEFAULT.createIn(database);

        assertEquals(List.of("vector in public"), extensions(database));
    }

    @Test
    void anExtensionThatAlreadyExistsElsewhereIsLeftWhereItIs() throws Exception {
        PostgresEndpoint database = bareDatabase();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA app");
            statement.execute("CREATE EXTENSION vector WITH SCHEMA app");
        }

        ProvisionedExtensions.parse("vector,pg_trgm").createIn(database);

        assertEquals(List.of("pg_trgm in public", "vector in app"), extensions(database));
    }

    @Test
    void anExtensionTheServerDoesNotHaveFailsInOneLineAndCreatesNothing() throws Exception {
        PostgresEndpoint database = bareDatabase();

        ProvisionedExtensions.MissingExtensionException failure = assertThrows(ProvisionedExtensions.MissingExtensionException.class,
                () -> ProvisionedExtensions.parse("vector, no_such_extension").createIn(database));

        assertTrue(failure.getMessage().startsWith("extension no_such_extension is not installed for PostgreSQL "), failure.getMessage());
        assertFalse(failure.getMessage().contains("\n"), failure.getMessage());
        assertEquals(List.of(), extensions(database), "nothing was created");
    }

    @Test
    void aMissingPgvectorNamesTheServerPackageToInstall() {
        assertEquals("pgvector is not installed for PostgreSQL 15: install postgresql-15-pgvector",
                ProvisionedExtensions.notInstalled("vector", 15));
    }

    @Test
    void theSettingIsACommaSeparatedList() {
        assertEquals(List.of("vector", "pg_trgm"), ProvisionedExtensions.parse(" vector , pg_trgm ").names());
        assertEquals(List.of(), ProvisionedExtensions.parse("none").names());
        assertEquals(ProvisionedExtensions.DEFAULT, ProvisionedExtensions.parse(null));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> ProvisionedExtensions.parse("vector;drop"));
        assertTrue(bad.getMessage().contains("'vector;drop'"), bad.getMessage());
    }

    @Test
    void aDatabaseNamedByUrlIsUsedAsItIs() throws Exception {
        PostgresEndpoint database = bareDatabase();
        String url = database.jdbcUrl() + "?user=" + database.user() + "&password=" + database.password();

        try (PostgresConnection connection = PostgresConnection.open(url, null, Map.of())) {
            assertEquals(List.of(), extensions(connection.endpoint()));
        }
    }
}
