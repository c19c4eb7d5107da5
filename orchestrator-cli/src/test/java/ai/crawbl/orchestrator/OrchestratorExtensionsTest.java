package ai.crawbl.orchestrator;

import ai.crawbl.migrations.postgres.PostgresConnection;
import ai.crawbl.migrations.postgres.ProvisionedExtensions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code crawbl platform orchestrator --extensions}: what its embedded database gets in {@code public} first. */
class OrchestratorExtensionsTest {

    private static final Path PROJECT_MIGRATIONS = Path.of("../migrations").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    /** Runs the orchestrator CLI on a fresh embedded database and ClickHouse; returns what it printed, report first. */
    private String run(int expectedExit, String... args) throws IOException {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("--migrations", PROJECT_MIGRATIONS.toString(),
                "--embedded-data", tmp.resolve("pg").toString(), "--clickhouse", "embedded:" + tmp.resolve("clickhouse")));
        all.addAll(List.of(args));
        int code = OrchestratorCli.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        String said = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertEquals(expectedExit, code, said);
        return said;
    }

    @Test
    void migrateGivesTheEmbeddedDatabaseTheNamedExtensionsInPublicBeforeTheFirstMigration() throws Exception {
        run(0, "migrate", "--extensions", "vector,pg_trgm");

        List<String> found = new ArrayList<>();
        try (PostgresConnection postgres = PostgresConnection.open(null, tmp.resolve("pg"), Map.of(), ProvisionedExtensions.NONE);
             Connection connection = postgres.endpoint().connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT extname || ' in ' || extnamespace::regnamespace FROM pg_extension"
                     + " WHERE extname <> 'plpgsql' ORDER BY 1")) {
            while (rs.next()) {
                found.add(rs.getString(1));
            }
        }
        assertEquals(List.of("pg_trgm in public", "vector in public"), found);
    }

    @Test
    void anExtensionTheServerLacksIsNamedInOneLineAndNothingRuns() throws Exception {
        String said = run(1, "migrate", "--extensions", "no_such_extension");

        assertTrue(said.contains("extension no_such_extension is not installed for PostgreSQL"), said);
        assertTrue(said.lines().noneMatch(line -> line.contains("applied 000001")), said);
    }
}
