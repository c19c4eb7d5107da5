package ai.crawbl.schema;

import ai.crawbl.migrations.postgres.EmbeddedPostgres;
import ai.crawbl.migrations.postgres.PostgresEndpoint;
import ai.crawbl.migrations.source.MigrationSource;
import ai.crawbl.migrations.source.NamingScheme;
import ai.crawbl.migrations.testing.EmbeddedPostgresExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The build's generation step, run as the build runs it (same configuration file, jOOQ's own GenerationTool), on
 * throwaway databases created on the test server ({@code provider=url}).
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class RegenerationTest {

    private final EmbeddedPostgres server;
    private Path migrations;

    @TempDir
    Path tmp;

    RegenerationTest(EmbeddedPostgres server) {
        this.server = server;
    }

    @BeforeEach
    void copyProjectMigrations() throws IOException {
        migrations = Files.createDirectories(tmp.resolve("migrations"));
        try (Stream<Path> files = Files.list(CodegenRun.projectMigrations())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, migrations.resolve(file.getFileName()));
            }
        }
    }

    private CodegenRun run(String target) {
        PostgresEndpoint endpoint = server.endpoint();
        String url = endpoint.jdbcUrl() + "?user=" + endpoint.user() + "&password=" + endpoint.password();
        return new CodegenRun(migrations, tmp.resolve(target), Map.of("provider", "url", "url", url));
    }

    /** The file name the next migration takes. */
    private Path nextMigration(String description) {
        int next = MigrationSource.directory(migrations, NamingScheme.POSTGRES).load(warning -> { }).size() + 1;
        return migrations.resolve(NamingScheme.POSTGRES.format(next, description));
    }

    @Test
    void aNewMigrationRegeneratesWithItsColumn() throws Exception {
        CodegenRun run = run("out");
        run.generate();
        assertFalse(run.source("tables/Users.java").contains("PREFERRED_LOCALE"));

        Files.writeString(nextMigration("users_preferred_locale"),
                "ALTER TABLE orchestrator.users ADD COLUMN IF NOT EXISTS preferred_locale text;\n");
        run.generate();

        assertTrue(run.source("tables/Users.java").contains(
                "TableField<UsersRecord, String> PREFERRED_LOCALE"), "the new column is a field of USERS");
        assertTrue(run.source("tables/pojos/Users.java").contains("private String preferredLocale;"));
    }

    @Test
    void twoCleanRunsWriteTheSameBytes() throws Exception {
        CodegenRun first = run("first");
        CodegenRun second = run("second");
        first.generate();
        second.generate();

        Map<String, byte[]> a = sources(first);
        Map<String, byte[]> b = sources(second);
        assertEquals(a.keySet(), b.keySet());
        a.forEach((file, bytes) -> assertArrayEquals(bytes, b.get(file), file + " differs between two runs"));
        Pattern date = Pattern.compile("\\b20\\d\\d-\\d\\d-\\d\\d");
        for (var file : a.entrySet()) {
            String text = new String(file.getValue(), java.nio.charset.StandardCharsets.UTF_8);
            assertFalse(text.contains(tmp.toString()), file.getKey() + " holds an absolute path");
            assertFalse(date.matcher(text).find(), file.getKey() + " holds a date");
        }
    }

    @Test
    void anUnchangedSchemaIsSkippedWithoutTouchingAnyDatabase() throws Exception {
        CodegenRun run = run("out");
        run.generate();
        Map<String, FileTime> written = modified(run.target());

        // Where the throwaway database comes from is not an input; a server that cannot be reached proves none is used.
        System.setProperty("codegen.url", "jdbc:postgresql://127.0.0.1:1/nowhere");
        try {
            run.generate();
        } finally {
            System.clearProperty("codegen.url");
        }
        assertEquals(written, modified(run.target()), "no file was rewritten");
    }

    @Test
    void anEditedGeneratedFileIsRegenerated() throws Exception {
        CodegenRun run = run("out");
        run.generate();
        Path users = run.target().resolve("ai/crawbl/schema/orchestrator/tables/Users.java");
        String original = Files.readString(users);
        Files.writeString(users, original + "// edited by hand\n");

        run.generate();

        assertEquals(original, Files.readString(users));
    }

    @Test
    void aFailingMigrationFailsWithItsFileLineAndColumnAndDropsTheDatabase() throws Exception {
        Path broken = nextMigration("broken");
        Files.writeString(broken, "-- a type that does not exist\nALTER TABLE orchestrator.users ADD COLUMN mood no_such_type;\n");
        List<String> before = throwawayDatabases();

        Exception failure = assertThrows(Exception.class, () -> run("out").generate());

        String message = messages(failure);
        assertTrue(message.contains(broken.getFileName() + ":2:"), message);
        assertTrue(message.contains("no_such_type"), message);
        assertEquals(before, throwawayDatabases(), "the throwaway database is dropped");
    }

    @Test
    void aConfiguredExtensionTheServerLacksIsNamedInOneLineAndTheDatabaseDropped() throws Exception {
        List<String> before = throwawayDatabases();
        PostgresEndpoint endpoint = server.endpoint();
        String url = endpoint.jdbcUrl() + "?user=" + endpoint.user() + "&password=" + endpoint.password();
        CodegenRun run = new CodegenRun(migrations, tmp.resolve("out"),
                Map.of("provider", "url", "url", url, "extensions", "vector,no_such_extension"));

        Exception failure = assertThrows(Exception.class, run::generate);

        String line = messages(failure).lines().filter(text -> text.contains("no_such_extension")).findFirst().orElse(messages(failure));
        assertTrue(line.endsWith("extension no_such_extension is not installed for PostgreSQL " + server.majorVersion()
                + ": install the package that provides it (postgresql-contrib for the contrib modules, postgresql-"
                + server.majorVersion() + "-no_such_extension for most others), or leave it out of the extensions setting"), line);
        assertEquals(before, throwawayDatabases(), "the throwaway database is dropped");
    }

    @Test
    void withNoExtensionsConfiguredAChainThatNamesPublicVectorFailsAsOnABareServer() {
        CodegenRun run = new CodegenRun(ForeignChainTest.CHAIN, tmp.resolve("out"), Map.of("provider", "embedded", "extensions", "none"));

        Exception failure = assertThrows(Exception.class, run::generate);

        assertTrue(messages(failure).contains("000003_embeddings.up.sql:4:17: ERROR 42704: type \"public.vector\" does not exist"),
                messages(failure));
    }

    @Test
    void aMissingMigrationsFolderIsNamed() {
        Path missing = tmp.resolve("no-such-folder");
        Exception failure = assertThrows(Exception.class,
                () -> new CodegenRun(missing, tmp.resolve("out"), Map.of("provider", "url", "url", "jdbc:postgresql://127.0.0.1:1/x")).generate());
        assertTrue(messages(failure).contains(missing + ": cannot read migrations: no such folder"), messages(failure));
    }

    @Test
    void theEmbeddedProviderLeavesNoServerRunningWhenAMigrationFails() throws Exception {
        Files.writeString(nextMigration("broken"), "SELECT * FROM orchestrator.no_such_table;\n");
        Set<Long> before = embeddedServers();
        assertFalse(before.isEmpty(), "the test server itself is visible as an embedded server");

        CodegenRun run = new CodegenRun(migrations, tmp.resolve("out"), Map.of("provider", "embedded"));
        Exception failure = assertThrows(Exception.class, run::generate);

        assertTrue(messages(failure).contains("no_such_table"), messages(failure));
        Set<Long> started = new HashSet<>(embeddedServers());
        started.removeAll(before);
        assertEquals(Set.of(), started, "the embedded server it started was stopped");
    }

    private static Map<String, byte[]> sources(CodegenRun run) throws IOException {
        Map<String, byte[]> sources = new HashMap<>(run.files());
        sources.keySet().removeIf(file -> !file.endsWith(".java"));
        return sources;
    }

    private static Map<String, FileTime> modified(Path dir) throws IOException {
        Map<String, FileTime> times = new HashMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                times.put(dir.relativize(file).toString(), Files.getLastModifiedTime(file));
            }
        }
        return times;
    }

    private List<String> throwawayDatabases() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = server.endpoint().connect();
             ResultSet rs = connection.createStatement().executeQuery(
                     "SELECT datname FROM pg_database WHERE datname LIKE 'crawbl\\_codegen\\_%' ORDER BY 1")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /**
     * The process ids of PostgreSQL postmasters started by embedded clusters (their data directories are crawbl-pg-*
     * folders); other builds on the machine may start and stop their own meanwhile, so tests compare sets.
     */
    private static Set<Long> embeddedServers() {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().map(line -> line.contains("crawbl-pg-") && line.contains(" -D ")).orElse(false))
                .map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    private static String messages(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            text.append(cause.getMessage()).append('\n');
        }
        return text.toString();
    }
}
