package ai.crawbl.migrations.cli;

import ai.crawbl.migrations.postgres.PostgresEndpoint;
import ai.crawbl.migrations.testing.EmbeddedPostgresExtension;
import ai.crawbl.migrations.testing.PostgresDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's safety rules as a person meets them through the CLI: secrets never printed and reasons never lost,
 * files read exactly or refused by name, bounded waits on a mute server, destructive verbs that refuse to erase the
 * history wholesale, and advice that fits the situation.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class EngineSafetyTest {

    private static final String SECRET = "s3cret";

    private static PostgresDatabase db;
    private Path dir;
    private String schema;
    private ServerSocket muteServer;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    /** What one CLI run printed and returned. */
    record Run(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    @BeforeAll
    static void database(PostgresDatabase database) {
        db = database;
    }

    @BeforeEach
    void folder(@TempDir Path folder, TestInfo test) {
        dir = folder;
        String name = test.getTestMethod().orElseThrow().getName().toLowerCase(Locale.ROOT);
        schema = "s_" + name.substring(0, Math.min(40, name.length()));
    }

    @AfterEach
    void stopMuteServer() throws IOException {
        if (muteServer != null) {
            muteServer.close();
        }
        for (Socket socket : accepted) {
            socket.close();
        }
    }

    private void file(String name, String sql) throws IOException {
        Files.writeString(dir.resolve(name), sql);
    }

    private void bytes(String name, byte[] content) throws IOException {
        Files.write(dir.resolve(name), content);
    }

    private String url() {
        PostgresEndpoint endpoint = db.endpoint();
        return endpoint.jdbcUrl() + "?user=" + endpoint.user() + "&password=" + endpoint.password();
    }

    /** The CLI against this class's database, in its own schema, on this test's folder. */
    private Run cli(String... args) {
        List<String> all = new ArrayList<>(List.of("--url", url(), "--dir", dir.toString(), "--schema", schema));
        all.addAll(List.of(args));
        Run run = run(all.toArray(String[]::new));
        assertFalse(run.all().contains(db.endpoint().password()), "the password is never printed");
        return run;
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SchemaMigrationsCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String history() throws Exception {
        return db.query("SELECT version, kind FROM " + schema + ".crawbl_schema_history ORDER BY version").toString();
    }

    private boolean schemaExists() throws Exception {
        return "t".equals(db.queryValue("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = '" + schema + "')"));
    }

    /** A port that accepts TCP connections and never says a word. */
    private int muteServer() throws IOException {
        muteServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!muteServer.isClosed()) {
                try {
                    accepted.add(muteServer.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        }, "mute-server");
        acceptor.setDaemon(true);
        acceptor.start();
        return muteServer.getLocalPort();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    // 1. Secrets printed

    @Test
    void aLibpqKeyValueUrlIsRefusedWithoutItsPassword() {
        Run run = run("--url", "host=localhost port=5432 user=postgres password=" + SECRET + " dbname=t", "--dir", dir.toString(), "status");
        assertEquals(1, run.exitCode());
        assertFalse(run.all().contains(SECRET), run.all());
        assertTrue(run.err().contains("user=postgres password=*** dbname=t"), run.err());
    }

    @Test
    void everySecretParameterOfAJdbcUrlIsMaskedWholeAndTheReasonIsKept() throws IOException {
        Run run = run("--url", "jdbc:postgresql://127.0.0.1:" + closedPort() + "/x?user=a&sslpassword=" + SECRET
                + "&password=" + SECRET + ";XYZ", "--dir", dir.toString(), "status");
        assertEquals(1, run.exitCode());
        assertFalse(run.all().contains(SECRET) || run.all().contains("XYZ"), run.all());
        assertTrue(run.err().contains("refused"), "the reason survives the masking: " + run.err());
    }

    @Test
    void aUserInfoPasswordWithASlashIsNeitherPrintedNorTakenForAPath() {
        Run run = run("--url", "postgres://user:" + SECRET + "/XYZ@127.0.0.1:1/db", "--dir", dir.toString(), "status");
        assertEquals(1, run.exitCode());
        assertFalse(run.all().contains(SECRET) || run.all().contains("XYZ"), run.all());
        assertTrue(run.err().contains("percent-encode"), run.err());
    }

    @Test
    void theDriverIsNeverHandedAUrlItWouldLogUnmasked() {
        Logger driver = Logger.getLogger("org.postgresql");
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(new SimpleFormatter().formatMessage(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        driver.addHandler(handler);
        try {
            Run run = run("--url", "jdbc:postgresql://127.0.0.1:1/x/y?password=" + SECRET, "--dir", dir.toString(), "status");
            assertEquals(1, run.exitCode());
            assertFalse(run.all().contains(SECRET), run.all());
            assertTrue(logged.stream().noneMatch(line -> line.contains(SECRET)), logged.toString());
        } finally {
            driver.removeHandler(handler);
        }
    }

    // 2. Masking deletes the reason

    @Test
    void driftIsExplainedEvenWhenTheUrlHoldsAPassword() throws Exception {
        file("000001_a.up.sql", "CREATE TABLE a (id int);");
        assertEquals(0, cli("migrate").exitCode());
        file("000001_a.up.sql", "CREATE TABLE a (id bigint);");
        Run run = cli("migrate");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("000001_a.up.sql changed after it was applied"), run.err());
        assertTrue(run.err().contains("repair"), run.err());
    }

    @Test
    void aMissingFileIsExplainedEvenWhenTheUrlHoldsAPassword() throws Exception {
        file("000001_a.up.sql", "CREATE TABLE a (id int);");
        file("000002_b.up.sql", "CREATE TABLE b (id int);");
        assertEquals(0, cli("migrate").exitCode());
        Files.delete(dir.resolve("000002_b.up.sql"));
        Run run = cli("migrate");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("version 2 (000002_b.up.sql) was applied but its file is missing"), run.err());
    }

    // 9. Encoding

    @Test
    void aFileThatIsNotUtf8IsRefusedByNameAndNothingRuns() throws Exception {
        bytes("000001_a.up.sql", "CREATE TABLE a (name text);\nINSERT INTO a VALUES ('caf\u00e9');\n".getBytes(StandardCharsets.ISO_8859_1));
        Run run = cli("migrate");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("000001_a.up.sql:2: not valid UTF-8"), run.err());
        assertTrue(run.err().contains("save it as UTF-8"), run.err());
        assertFalse(schemaExists());
    }

    @Test
    void aNulByteIsRefusedWithItsLine() throws Exception {
        bytes("000001_a.up.sql", "CREATE TABLE a (id int);\nSELECT 1;\u0000\n".getBytes(StandardCharsets.UTF_8));
        Run run = cli("migrate");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("000001_a.up.sql:2: a NUL byte"), run.err());
        assertFalse(schemaExists());
    }

    @Test
    void changingOnlyTheLineEndingsIsNotDriftEitherWay() throws Exception {
        file("000001_a.up.sql", "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n");
        file("000002_c.up.sql", "CREATE TABLE c (id int);\r\nCREATE TABLE d (id int);\r\n");
        assertEquals(0, cli("migrate").exitCode());
        file("000001_a.up.sql", "CREATE TABLE a (id int);\r\nCREATE TABLE b (id int);\r\n");
        file("000002_c.up.sql", "CREATE TABLE c (id int);\nCREATE TABLE d (id int);\n");
        Run validate = cli("validate");
        assertEquals(0, validate.exitCode(), validate.out());
        file("000001_a.up.sql", "CREATE TABLE a (id int);\r\nCREATE TABLE b (id bigint);\r\n");
        assertEquals(1, cli("validate").exitCode(), "a change of content is still drift");
    }

    // 10. Timeouts

    @Test
    void aPostgresServerThatNeverAnswersFailsWithinTheLoginTimeout() throws Exception {
        int port = muteServer();
        long started = System.nanoTime();
        Run run = run("--url", "jdbc:postgresql://127.0.0.1:" + port + "/x", "--dir", dir.toString(), "status", "--login-timeout", "2");
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertEquals(1, run.exitCode(), run.all());
        assertTrue(seconds < 20, "took " + seconds + " s");
        assertTrue(run.err().contains("--login-timeout"), run.err());
    }

    @Test
    void aClickHouseServerThatNeverAnswersFailsWithinTheLoginTimeout() throws Exception {
        int port = muteServer();
        long started = System.nanoTime();
        Run run = run("--dir", dir.toString(), "clickhouse", "status", "--clickhouse", "jdbc:clickhouse://127.0.0.1:" + port + "/default",
                "--login-timeout", "2");
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertEquals(1, run.exitCode(), run.all());
        assertTrue(seconds < 20, "took " + seconds + " s");
        assertTrue(run.err().contains("--login-timeout"), run.err());
    }

    // 12. Risky verbs

    @Test
    void repairRefusesToEmptyTheHistoryUnlessForced() throws Exception {
        file("000001_a.up.sql", "CREATE TABLE a (id int);");
        file("000002_b.up.sql", "CREATE TABLE b (id int);");
        assertEquals(0, cli("migrate").exitCode());
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path full = dir;
        dir = empty;
        Run refused = cli("repair");
        assertEquals(1, refused.exitCode());
        assertTrue(refused.err().contains("--force"), refused.err());
        assertEquals("[[1, migration], [2, migration]]", history());

        Run forced = cli("repair", "--force");
        assertEquals(0, forced.exitCode(), forced.err());
        assertEquals("[]", history());
        dir = full;
    }

    @Test
    void baselineRefusesAVersionBeyondTheHighestFile() throws Exception {
        file("000001_a.up.sql", "CREATE TABLE a (id int);");
        file("000002_b.up.sql", "CREATE TABLE b (id int);");
        Run run = cli("baseline", "--version", "999");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("000002_b.up.sql"), run.err());
        assertFalse(schemaExists());
        assertEquals(0, cli("baseline", "--version", "2").exitCode());
    }

    @Test
    void aHistoryRowOfAnUnknownKindIsNamedWithWhatToDo() throws Exception {
        file("000001_a.up.sql", "CREATE TABLE a (id int);");
        assertEquals(0, cli("migrate").exitCode());
        db.execute("UPDATE " + schema + ".crawbl_schema_history SET kind = 'tampered' WHERE version = 1");
        Run run = cli("status");
        assertEquals(1, run.exitCode());
        assertFalse(run.err().contains("No enum constant"), run.err());
        assertTrue(run.err().contains("version 1") && run.err().contains("'tampered'"), run.err());
        assertTrue(run.err().contains("'migration' or 'baseline'"), run.err());
    }

    // 13. Files the engine must not skip silently, and advice that fits

    /** The folder holds 000001 (lint-clean, in schema orchestrator) and {@code entry}, which must stop both commands. */
    private void refusedByMigrateAndLint(String entry) throws Exception {
        schema = "orchestrator";
        Run migrate = cli("migrate");
        assertEquals(1, migrate.exitCode(), migrate.all());
        assertTrue(migrate.err().contains(entry), migrate.err());
        assertFalse(schemaExists());
        Run lint = cli("lint");
        assertEquals(1, lint.exitCode(), lint.all());
        assertTrue(lint.out().contains(entry), lint.out());
    }

    @Test
    void anUppercaseSuffixIsAnError() throws Exception {
        file("000001_a.up.sql", "CREATE TABLE IF NOT EXISTS orchestrator.a (id uuid PRIMARY KEY);");
        file("000002_b.up.SQL", "CREATE TABLE IF NOT EXISTS orchestrator.b (id uuid PRIMARY KEY);");
        refusedByMigrateAndLint("000002_b.up.SQL");
    }

    @Test
    void aTrailingSpaceInTheNameIsAnError() throws Exception {
        file("000001_a.up.sql", "CREATE TABLE IF NOT EXISTS orchestrator.a (id uuid PRIMARY KEY);");
        file("000002_b.up.sql ", "CREATE TABLE IF NOT EXISTS orchestrator.b (id uuid PRIMARY KEY);");
        refusedByMigrateAndLint("000002_b.up.sql ");
    }

    @Test
    void aDanglingSymlinkIsAnError() throws Exception {
        file("000001_a.up.sql", "CREATE TABLE IF NOT EXISTS orchestrator.a (id uuid PRIMARY KEY);");
        Files.createSymbolicLink(dir.resolve("000002_b.up.sql"), dir.resolve("nowhere.sql"));
        refusedByMigrateAndLint("000002_b.up.sql");
    }

    @Test
    void aLoopingSymlinkIsAnError() throws Exception {
        file("000001_a.up.sql", "CREATE TABLE IF NOT EXISTS orchestrator.a (id uuid PRIMARY KEY);");
        Files.createSymbolicLink(dir.resolve("000002_b.up.sql"), dir.resolve("000002_b.up.sql"));
        refusedByMigrateAndLint("000002_b.up.sql");
    }

    @Test
    void aFolderNamedLikeAMigrationIsAnError() throws Exception {
        file("000001_a.up.sql", "CREATE TABLE IF NOT EXISTS orchestrator.a (id uuid PRIMARY KEY);");
        Files.createDirectory(dir.resolve("000002_b.up.sql"));
        refusedByMigrateAndLint("000002_b.up.sql");
    }

    @Test
    void otherFilesAndFoldersBesideTheMigrationsAreLeftAlone() throws Exception {
        file("000001_a.up.sql", "CREATE TABLE a (id int);");
        file("README.md", "notes");
        Files.createDirectory(dir.resolve("seed"));
        Run run = cli("migrate");
        assertEquals(0, run.exitCode(), run.err());
    }

    @Test
    void aDeletedAppliedFileIsReportedAsMissingNotAsAGapToRenumber() throws Exception {
        file("000001_a.up.sql", "CREATE TABLE a (id int);");
        file("000002_b.up.sql", "CREATE TABLE b (id int);");
        file("000003_c.up.sql", "CREATE TABLE c (id int);");
        assertEquals(0, cli("migrate").exitCode());
        Files.delete(dir.resolve("000002_b.up.sql"));
        Run run = cli("migrate");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("version 2 (000002_b.up.sql) was applied but its file is missing"), run.err());
        assertFalse(run.err().contains("rename"), run.err());
    }

    @Test
    void versionZeroIsToldThatVersionsStartAtOne() throws Exception {
        file("000000_a.up.sql", "CREATE TABLE a (id int);");
        Run run = cli("migrate");
        assertEquals(1, run.exitCode());
        assertFalse(run.err().contains("follows 0"), run.err());
        assertTrue(run.err().contains("000000_a.up.sql: versions start at 000001"), run.err());
    }
}
