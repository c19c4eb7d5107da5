package ai.crawbl.migrations.cli;

import ai.crawbl.migrations.postgres.PostgresConnection;
import ai.crawbl.migrations.postgres.PostgresEndpoint;
import ai.crawbl.migrations.postgres.ProvisionedExtensions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --extensions}: what the engine CLI's embedded database gets in {@code public} before its first migration. */
class ExtensionsOptionTest {

    /** The test's folder, opened to the server's system user, which must reach the data folder inside it. */
    private static Path reachable(Path tmp) throws java.io.IOException {
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        return tmp;
    }

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
    void theEngineCliGivesTheEmbeddedDatabaseTheExtensionsItIsToldBeforeTheFirstMigration(@TempDir Path tmp) throws Exception {
        Path migrations = Files.createDirectories(tmp.resolve("migrations"));
        // An unqualified CREATE EXTENSION, then the type named with its schema: fine where vector is already in public.
        Files.writeString(migrations.resolve("000001_init.up.sql"), """
                CREATE EXTENSION IF NOT EXISTS vector;
                CREATE TABLE IF NOT EXISTS orchestrator.notes (id uuid PRIMARY KEY, body text, embedding public.vector(3));
                CREATE INDEX IF NOT EXISTS notes_body_trgm ON orchestrator.notes USING gin (body public.gin_trgm_ops);
                """);
        Path data = reachable(tmp).resolve("pg");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SchemaMigrationsCli.run(new String[] {"--dir", migrations.toString(), "migrate", "--embedded-data", data.toString(),
                "--extensions", "vector,pg_trgm"}, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.<String, String>of());
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));

        try (PostgresConnection connection = PostgresConnection.open(null, data, Map.of(), ProvisionedExtensions.NONE)) {
            assertEquals(List.of("pg_trgm in public", "vector in public"), extensions(connection.endpoint()));
        }
    }

    @Test
    void theEngineCliNamesAnExtensionTheServerLacks(@TempDir Path tmp) throws Exception {
        Path migrations = Files.createDirectories(tmp.resolve("migrations"));
        Files.writeString(migrations.resolve("000001_init.up.sql"), "CREATE TABLE IF NOT EXISTS orchestrator.a (id uuid PRIMARY KEY);\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SchemaMigrationsCli.run(new String[] {"--dir", migrations.toString(), "migrate", "--embedded-data",
                reachable(tmp).resolve("pg").toString(), "--extensions", "no_such_extension"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.<String, String>of());

        assertEquals(1, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("extension no_such_extension is not installed for PostgreSQL"),
                err.toString(StandardCharsets.UTF_8));
    }
}
