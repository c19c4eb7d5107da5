package ai.crawbl.orchestrator;

import ai.crawbl.migrations.MigrationTarget;
import ai.crawbl.migrations.postgres.EmbeddedPostgres;
import ai.crawbl.migrations.source.MigrationSource;
import ai.crawbl.migrations.source.NamingScheme;
import ai.crawbl.migrations.testing.EmbeddedPostgresExtension;
import ai.crawbl.migrations.testing.PostgresDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./crawbl} as a person runs it, in a fresh checkout of its own (the launcher, its setup script, the migrations
 * and the CLI jar this build packaged), on its embedded defaults unless a test names a database.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class LauncherIT {

    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();
    private static final Path PROJECT_MIGRATIONS = PROJECT.resolve("migrations");
    /** How many PostgreSQL and ClickHouse migrations the project has, and the last PostgreSQL version, from the files. */
    private static final int POSTGRES_FILES = MigrationSource.directory(PROJECT_MIGRATIONS.resolve("orchestrator"), NamingScheme.POSTGRES).load().size();
    private static final int POSTGRES_LATEST = MigrationSource.directory(PROJECT_MIGRATIONS.resolve("orchestrator"), NamingScheme.POSTGRES).load().getLast().version();
    private static final int CLICKHOUSE_FILES = MigrationSource.directory(PROJECT_MIGRATIONS.resolve("clickhouse"), NamingScheme.CLICKHOUSE).load().size();
    private static final int CLICKHOUSE_LATEST = MigrationSource.directory(PROJECT_MIGRATIONS.resolve("clickhouse"), NamingScheme.CLICKHOUSE).load().getLast().version();

    private Path checkout;

    /** What one launcher run printed and returned. */
    record Run(int exitCode, String out, String err) {
    }

    @BeforeEach
    void freshCheckout() throws IOException {
        checkout = LauncherCheckout.create();
    }

    @AfterEach
    void removeCheckout() throws IOException {
        LauncherCheckout.delete(checkout);
    }

    private Run crawbl(Map<String, String> extraEnv, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", checkout.resolve("crawbl").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(checkout.toFile());
        Map<String, String> env = builder.environment();
        for (String variable : List.of("CRAWBL_DATABASE_URL", "PGHOST", "PGPORT", "PGDATABASE", "PGUSER", "PGPASSWORD", "CRAWBL_CLICKHOUSE_URL")) {
            env.remove(variable);
        }
        env.putAll(extraEnv);
        Path out = Files.createTempFile("crawbl-out-", ".txt");
        Path err = Files.createTempFile("crawbl-err-", ".txt");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("./crawbl " + String.join(" ", args) + " did not finish in 5 minutes");
            }
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void migrateOnTheEmbeddedDefaultAppliesAndSeedsOnceThenNothing() throws Exception {
        Run first = crawbl(Map.of(), "platform", "orchestrator", "migrate");
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("postgres    done     applied " + POSTGRES_FILES + " migration(s)"), first.out());
        assertTrue(first.out().contains("clickhouse  done     applied " + CLICKHOUSE_FILES + " migration(s)"), first.out());
        assertTrue(first.out().contains("tools: 38 inserted"), first.out());
        assertTrue(first.err().contains("embedded PostgreSQL") && first.err().contains(".crawbl/postgres"), first.err());

        Run second = crawbl(Map.of(), "platform", "orchestrator", "migrate");
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.out().contains("postgres    done     up to date at version " + POSTGRES_LATEST + ", nothing to apply"), second.out());
        assertTrue(second.out().contains("clickhouse  done     up to date at version " + CLICKHOUSE_LATEST + ", nothing to apply"), second.out());
        assertTrue(second.out().contains("tools: 0 inserted, 0 updated, 38 unchanged"), second.out());
        assertTrue(second.out().contains("usage_plans: 0 inserted, 0 updated, 2 unchanged"), second.out());
        String printed = first.out() + first.err() + second.out() + second.err();
        assertFalse(printed.contains("\u001b"), "no terminal escape sequences: " + printed.replace("\u001b", "<ESC>"));
    }

    @Test
    void aDryRunOnAFreshCheckoutLeavesBothDataFoldersWithoutHistory() throws Exception {
        Run dryRun = crawbl(Map.of(), "platform", "orchestrator", "migrate", "--dry-run");
        assertEquals(0, dryRun.exitCode(), dryRun.err());
        assertTrue(dryRun.out().contains("would apply " + POSTGRES_FILES + " migration(s)"), dryRun.out());

        try (EmbeddedPostgres cluster = EmbeddedPostgres.persistent(checkout.resolve(".crawbl/postgres")).start();
             Connection connection = cluster.endpoint("crawbl").connect();
             ResultSet rs = connection.createStatement().executeQuery(
                     "SELECT to_regclass('orchestrator." + MigrationTarget.HISTORY_TABLE + "')::text, to_regclass('orchestrator.users')::text")) {
            rs.next();
            assertNull(rs.getString(1), "no PostgreSQL history");
            assertNull(rs.getString(2), "no PostgreSQL table");
        }
        Path clickhouse = checkout.resolve(".crawbl/clickhouse");
        if (Files.exists(clickhouse)) {
            try (Stream<Path> walk = Files.walk(clickhouse)) {
                assertTrue(walk.noneMatch(path -> path.getFileName().toString().contains(MigrationTarget.HISTORY_TABLE)
                        || path.getFileName().toString().contains("llm_usage")), "no ClickHouse history or table");
            }
        }
    }

    @Test
    void migrateAnExternalDatabaseGivenByUrl(PostgresDatabase shared) throws Exception {
        PostgresDatabase database = shared.sibling();
        var endpoint = database.endpoint();

        Run run = crawbl(Map.of("CRAWBL_DATABASE_URL", endpoint.jdbcUrl(), "PGUSER", endpoint.user(), "PGPASSWORD", endpoint.password()),
                "platform", "orchestrator", "migrate");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("applied " + POSTGRES_FILES + " migration(s)"), run.out());
        assertTrue(run.out().contains("clickhouse  skipped"), run.out());
        assertTrue(run.out().contains("tools: 38 inserted"), run.out());
        assertEquals("2", database.queryValue("SELECT count(*) FROM orchestrator.usage_plans"));
        assertFalse(Files.exists(checkout.resolve(".crawbl/postgres")), "the embedded cluster was not used");
        assertFalse(run.out().contains(endpoint.password()) || run.err().contains(endpoint.password()), "the password is never printed");
    }

    @Test
    void helpAtEveryLevelExitsZero() throws Exception {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"platform", "--help"},
                new String[] {"platform", "orchestrator", "--help"}, new String[] {"platform", "orchestrator", "migrate", "--help"},
                new String[] {"platform", "orchestrator", "codegen", "--help"}, new String[] {"test", "--help"},
                new String[] {"bench", "--help"})) {
            Run run = crawbl(Map.of(), args);
            assertEquals(0, run.exitCode(), String.join(" ", args) + ": " + run.err());
            assertFalse(run.out().isBlank(), String.join(" ", args) + " printed its help");
        }
    }

    @Test
    void aUsageErrorExitsTwoWithTheHelpText() throws Exception {
        for (String[] args : List.of(new String[] {}, new String[] {"nope"}, new String[] {"platform", "nope"},
                new String[] {"platform", "orchestrator", "migrate", "--bogus"})) {
            Run run = crawbl(Map.of(), args);
            assertEquals(2, run.exitCode(), String.join(" ", args) + ": " + run.out() + run.err());
            assertTrue(run.err().contains("Usage") || run.err().contains("./crawbl platform orchestrator migrate"),
                    String.join(" ", args) + ": " + run.err());
        }
    }
}
