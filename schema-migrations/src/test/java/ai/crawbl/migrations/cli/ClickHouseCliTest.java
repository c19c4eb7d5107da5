package ai.crawbl.migrations.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ClickHouse commands on embedded chDB, each run in a JVM of its own as a person runs them: chDB holds one
 * storage per process, and the test JVM's is already open.
 */
class ClickHouseCliTest {

    @TempDir
    Path dir;
    @TempDir
    Path data;

    /** What one CLI process printed and returned. */
    record Run(int exitCode, String out, String err) {
    }

    private Run cli(String... args) throws IOException, InterruptedException {
        return cliWithStdin(new byte[0], args);
    }

    private Run cliWithStdin(byte[] stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
        String library = System.getProperty("crawbl.chdb.lib");
        if (library != null) {
            command.add("-Dcrawbl.chdb.lib=" + library);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SchemaMigrationsCli.class.getName(),
                "--dir", dir.toString(), "clickhouse", "--clickhouse", "embedded:" + data));
        command.addAll(List.of(args));
        Path out = dir.resolveSibling(dir.getFileName() + ".out");
        Path err = dir.resolveSibling(dir.getFileName() + ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try (var in = process.getOutputStream()) {
            in.write(stdin);
        }
        int code = process.waitFor();
        return new Run(code, Files.readString(out), Files.readString(err));
    }

    private void file(String name, String sql) throws IOException {
        Files.writeString(dir.resolve(name), sql);
    }

    @Test
    void baselineThenMigrateThenRepairAChangedFileOnEmbeddedClickHouse() throws Exception {
        file("001_a.sql", "CREATE TABLE IF NOT EXISTS a (id UInt32) ENGINE = MergeTree ORDER BY id;");
        file("002_b.sql", "CREATE TABLE IF NOT EXISTS b (id UInt32) ENGINE = MergeTree ORDER BY id;");
        String target = "embedded ClickHouse (data: " + data + ") database crawbl";

        Run baseline = cli("baseline", "--version", "1");
        assertEquals(0, baseline.exitCode(), baseline.err());
        assertEquals(target + ": baselined at version 1\n", baseline.out());

        Run migrate = cli("migrate");
        assertEquals(0, migrate.exitCode(), migrate.err());
        assertTrue(migrate.out().contains("applied 002 b"), migrate.out());
        assertTrue(migrate.out().contains("Applied 1 migration(s) to " + target + ": version 1 -> 2"), migrate.out());

        file("002_b.sql", "CREATE TABLE IF NOT EXISTS b (id UInt64) ENGINE = MergeTree ORDER BY id;");
        assertEquals(1, cli("validate").exitCode());
        Run repair = cli("repair");
        assertEquals(0, repair.exitCode(), repair.err());
        assertTrue(repair.out().startsWith(target + ": version 2: recorded the new checksum"), repair.out());

        Run status = cli("status");
        assertEquals(0, status.exitCode(), status.err());
        assertTrue(status.out().startsWith(target + ": version 2\n"), status.out());
        assertTrue(status.out().matches("(?s).*001 +a +baseline.*002 +b +applied.*"), status.out());
    }

    @Test
    void whatIsOnStandardInputNeverReachesTheHistory() throws Exception {
        // chDB takes the host process's stdin as data for an INSERT with an input format: a VALUES insert of a history
        // row failed with "async inserts with both inlined and external data" whenever stdin held something.
        file("001_a.sql", "CREATE TABLE IF NOT EXISTS a (id UInt32) ENGINE = MergeTree ORDER BY id;");

        Run migrate = cliWithStdin("(9999)\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), "migrate");

        assertEquals(0, migrate.exitCode(), migrate.err());
        Run status = cli("status");
        assertTrue(status.out().contains("version 1"), status.out());
    }

    @Test
    void validateExitsOneWhileAMigrationIsRecordedFailedAsOnPostgres() throws Exception {
        file("001_a.sql", "CREATE TABLE IF NOT EXISTS a (id UInt32) ENGINE = MergeTree ORDER BY id;\nSELECT * FROM nowhere;");
        assertEquals(1, cli("migrate").exitCode());

        Run validate = cli("validate", "--format", "json");

        assertEquals(1, validate.exitCode(), validate.out() + validate.err());
        JsonNode report = new ObjectMapper().readTree(validate.out());
        assertFalse(report.get("valid").asBoolean(), validate.out());
        assertEquals("FAILED", report.get("problems").get(0).get("state").asText(), validate.out());
        assertTrue(report.get("problems").get(0).get("message").asText().contains("run 'migrate' to resume it at statement 2"), validate.out());
    }
}
