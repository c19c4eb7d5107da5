package ai.crawbl.orchestrator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The migrations packaged in the built jars always equal the migrations folder, as the launcher rebuilds them: in a
 * copy of the whole project (sources and build output), a migration added and then deleted, or one that broke the
 * code generation and was then deleted, is in none of the jars (engine CLI, seed loader, orchestrator CLI) once
 * {@code ./crawbl} ran again, even where the folder's own time says nothing changed.
 */
class PackagedMigrationsIT {

    private static final List<String> JARS = List.of("schema-migrations/target/schema-migrations.jar",
            "seed-loader/target/seed-loader.jar", "orchestrator-cli/target/crawbl-orchestrator.jar");

    private Path checkout;

    /** What one launcher run printed and returned. */
    record Run(int exitCode, String out, String err) {
    }

    @BeforeEach
    void copyOfTheProject() throws IOException {
        checkout = LauncherCheckout.copyOfTheProject();
    }

    @AfterEach
    void removeCheckout() throws IOException {
        LauncherCheckout.delete(checkout);
    }

    @Test
    void aDeletedMigrationLeavesEveryJarEvenWhenItsFoldersTimeIsOlderThanTheJar() throws Exception {
        Path folder = checkout.resolve("migrations/clickhouse");
        Path probe = folder.resolve("002_probe.sql");
        Files.writeString(probe, "CREATE TABLE IF NOT EXISTS probe (id UInt32) ENGINE = MergeTree ORDER BY id;\n");
        Run added = help();
        assertEquals(0, added.exitCode(), added.err());
        for (String jar : JARS) {
            assertTrue(packaged(jar).contains("migrations/clickhouse/002_probe.sql"), jar + " holds the new migration");
        }

        Files.delete(probe);
        // As an archive's extraction or `rsync -a` leaves it: the folder's time is older than the jar's.
        Files.setLastModifiedTime(folder, FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS)));
        Run deleted = help();

        assertEquals(0, deleted.exitCode(), deleted.err());
        assertTrue(deleted.err().contains("building the orchestrator CLI"), "the launcher noticed the deletion: " + deleted.err());
        assertFalse(Files.exists(checkout.resolve("schema-migrations/target/classes/migrations/clickhouse/002_probe.sql")),
                "the build output keeps no deleted migration");
        for (String jar : JARS) {
            assertFalse(packaged(jar).contains("migrations/clickhouse/002_probe.sql"), jar + " still holds the deleted migration");
            assertTrue(packaged(jar).contains("migrations/clickhouse/001_llm_usage.sql"), jar);
        }
        assertEquals(0, help().err().lines().filter(line -> line.contains("building")).count(), "nothing changed since: no rebuild");
    }

    @Test
    void aMigrationThatBrokeTheCodeGenerationIsGoneFromTheJarsOnceDeleted() throws Exception {
        List<String> before = packaged(JARS.getLast());
        Path bad = checkout.resolve("migrations/orchestrator").resolve(String.format("%06d_broken.up.sql", nextPostgresVersion()));
        Files.writeString(bad, "CREATE TABLE orchestrator.broken (id uuid PRIMARY KEY, oops);\n");
        Run broken = help();
        assertNotEquals(0, broken.exitCode(), "the build fails at code generation: " + broken.out());

        Files.delete(bad);
        Run fixed = help();

        assertEquals(0, fixed.exitCode(), fixed.err() + fixed.out());
        for (String jar : JARS) {
            assertFalse(packaged(jar).stream().anyMatch(name -> name.endsWith("_broken.up.sql")), jar + " still holds the deleted migration");
        }
        assertEquals(before, packaged(JARS.getLast()), "the orchestrator CLI packages the migrations it did before");
    }

    private int nextPostgresVersion() throws IOException {
        try (Stream<Path> files = Files.list(checkout.resolve("migrations/orchestrator"))) {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.matches("\\d{6}_.*\\.up\\.sql"))
                    .mapToInt(name -> Integer.parseInt(name.substring(0, 6))).max().orElse(0) + 1;
        }
    }

    /** The migrations entries of a jar of the checkout, in order. */
    private List<String> packaged(String jar) throws IOException {
        try (ZipFile zip = new ZipFile(checkout.resolve(jar).toFile())) {
            return zip.stream().map(entry -> entry.getName()).filter(name -> name.startsWith("migrations/")).sorted().toList();
        }
    }

    /** {@code ./crawbl platform orchestrator --help}: the cheapest command that first brings the CLI jar up to date. */
    private Run help() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", checkout.resolve("crawbl").toString(), "platform", "orchestrator", "--help"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(checkout.toFile());
        Path out = Files.createTempFile("crawbl-out-", ".txt");
        Path err = Files.createTempFile("crawbl-err-", ".txt");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("./crawbl did not finish in 10 minutes");
            }
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
