package ai.crawbl.migrations;

import ai.crawbl.migrations.postgres.EmbeddedPostgres;
import ai.crawbl.migrations.source.MigrationSource;
import ai.crawbl.migrations.source.NamingScheme;
import ai.crawbl.migrations.target.PostgresTarget;
import ai.crawbl.migrations.testing.EmbeddedPostgresExtension;
import ai.crawbl.migrations.testing.PostgresDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several runners of the CLI, as orchestrator replicas start them, on the project's migrations. */
@ExtendWith(EmbeddedPostgresExtension.class)
class ConcurrentRunnersTest {

    private static final Path FOLDER = OrchestratorSchemaTest.FOLDER.toAbsolutePath().normalize();

    @Test
    void eightRunnersStartedAtOnceApplyEachMigrationExactlyOnceAndAllSucceed(PostgresDatabase db, @TempDir Path logs) throws Exception {
        PostgresDatabase empty = db.sibling();
        List<Process> runners = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            runners.add(CliProcess.start(empty.endpoint(), FOLDER, logs.resolve("runner-" + i + ".log"), "migrate"));
        }
        int applied = 0;
        for (int i = 0; i < runners.size(); i++) {
            Process runner = runners.get(i);
            assertTrue(runner.waitFor(120, TimeUnit.SECONDS), "runner " + i + " finished");
            String output = Files.readString(logs.resolve("runner-" + i + ".log"));
            assertEquals(0, runner.exitValue(), "runner " + i + ":\n" + output);
            applied += (int) output.lines().filter(line -> line.startsWith("applied ")).count();
        }
        int files = OrchestratorSchemaTest.files().size();
        assertEquals(files, applied, "each of the " + files + " migrations was applied by exactly one runner");
        String count = Integer.toString(files);
        assertEquals(List.of(List.of(count, count, count)), empty.query(
                "SELECT count(*), count(*) FILTER (WHERE success), count(DISTINCT version) FROM orchestrator." + MigrationTarget.HISTORY_TABLE));
    }

    @Test
    void fourRunnersAtOnceOnOneEmbeddedDataFolderShareItsServerAndAllSucceed(@TempDir Path logs) throws Exception {
        // A folder the server's system user can enter (@TempDir is mode 700, closed to it when tests run as root).
        Path folder = Files.createTempDirectory("crawbl-pg-test-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path data = folder.resolve("postgres");
        List<Process> runners = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                runners.add(CliProcess.startEmbedded(data, FOLDER, logs.resolve("runner-" + i + ".log"), "migrate"));
            }
            int applied = 0;
            for (int i = 0; i < runners.size(); i++) {
                Process runner = runners.get(i);
                assertTrue(runner.waitFor(300, TimeUnit.SECONDS), "runner " + i + " finished");
                String output = Files.readString(logs.resolve("runner-" + i + ".log"));
                assertEquals(0, runner.exitValue(), "runner " + i + ":\n" + output);
                applied += (int) output.lines().filter(line -> line.startsWith("applied ")).count();
            }
            assertEquals(OrchestratorSchemaTest.files().size(), applied, "each migration was applied by exactly one runner");
            assertFalse(Files.exists(data.resolve("postmaster.pid")), "the last runner stopped the server");
        } finally {
            for (Process runner : runners) {
                List<ProcessHandle> programs = runner.descendants().toList();
                programs.forEach(ProcessHandle::destroyForcibly);
                runner.destroyForcibly().waitFor();
                programs.forEach(program -> program.onExit().join());
            }
            stopServerLeftOn(data);
            deleteBestEffort(folder);
        }
    }

    /** Deletes what it can of {@code folder}: a failure here must not hide the test's own. */
    private static void deleteBestEffort(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            System.err.println("could not delete " + folder + ": " + e);
        }
    }

    /** Stops a server that a failed run left on {@code data}, so that its folder can be deleted. */
    private static void stopServerLeftOn(Path data) throws Exception {
        Path pidFile = data.resolve("postmaster.pid");
        if (Files.exists(pidFile)) {
            long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
            ProcessHandle.of(pid).ifPresent(server -> {
                server.destroy();
                server.onExit().orTimeout(60, TimeUnit.SECONDS).exceptionally(timeout -> server).join();
            });
        }
    }

    @Test
    void aRunnerKilledAtAnyMomentLeavesADatabaseThatTheNextRunCompletes(PostgresDatabase db, EmbeddedPostgres server,
                                                                        @TempDir Path logs) throws Exception {
        PostgresDatabase reference = db.sibling();
        long started = System.nanoTime();
        Process full = CliProcess.start(reference.endpoint(), FOLDER, logs.resolve("reference.log"), "migrate");
        assertTrue(full.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, full.exitValue(), Files.readString(logs.resolve("reference.log")));
        long fullRunMillis = (System.nanoTime() - started) / 1_000_000;
        String schema = SchemaDescription.of(reference.endpoint(), "orchestrator");
        List<List<String>> history = history(reference);

        Random random = new Random(20261128);
        for (int trial = 0; trial < 20; trial++) {
            PostgresDatabase victim = db.sibling();
            Process runner = CliProcess.start(victim.endpoint(), FOLDER, logs.resolve("trial-" + trial + ".log"), "migrate");
            long delay = (long) (random.nextDouble() * fullRunMillis);
            if (runner.waitFor(delay, TimeUnit.MILLISECONDS)) {
                assertEquals(0, runner.exitValue(), "trial " + trial + " finished before the kill");
            } else {
                runner.destroyForcibly().waitFor();
            }
            Migrator.configure().source(MigrationSource.directory(FOLDER, NamingScheme.POSTGRES))
                    .target(PostgresTarget.at(victim.endpoint())).load().migrate();
            assertEquals(schema, SchemaDescription.of(victim.endpoint(), "orchestrator"),
                    "trial " + trial + " (killed after " + delay + " ms) converges to the same schema");
            assertEquals(history, history(victim), "trial " + trial + " (killed after " + delay + " ms) has the same history");
            server.dropDatabase(victim.name());
        }
    }

    private static List<List<String>> history(PostgresDatabase db) throws Exception {
        return db.query("SELECT version, description, script, checksum, success, statements_done FROM orchestrator." + MigrationTarget.HISTORY_TABLE + " ORDER BY version");
    }
}
