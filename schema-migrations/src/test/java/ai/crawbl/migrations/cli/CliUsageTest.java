package ai.crawbl.migrations.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI's surface as a new user meets it, with no database needed: help, exit codes (0 ok, 1 failure, 2 usage),
 * which options each command takes and where, and errors as JSON for machines.
 */
class CliUsageTest {

    /** A PostgreSQL that refuses connections, with a password that must never be printed. */
    private static final String DEAD_POSTGRES = "postgres://app:hunter2@127.0.0.1:1/x";
    private static final String DEAD_CLICKHOUSE = "jdbc:clickhouse://127.0.0.1:1/default";
    private static final List<String> POSTGRES_ONLY = List.of("--url", "--schema", "--embedded-data", "--extensions", "--ignore-down",
            "--lock-wait", "--lock-timeout", "--statement-timeout", "--retries");

    /** What one CLI run printed and returned. */
    record Run(int exitCode, String out, String err) {
    }

    /** Runs the CLI with an environment that names no database, so nothing but the arguments chooses one. */
    private static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SchemaMigrationsCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        Run run = new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertFalse((run.out() + run.err()).contains("hunter2"), "the password is never printed");
        return run;
    }

    @Test
    void helpAtEveryLevelPrintsUsageAndExitsZero() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"-h"}, new String[] {"migrate", "--help"},
                new String[] {"status", "--help"}, new String[] {"validate", "--help"}, new String[] {"repair", "--help"},
                new String[] {"baseline", "--help"}, new String[] {"lint", "--help"}, new String[] {"clickhouse", "--help"},
                new String[] {"clickhouse", "migrate", "--help"}, new String[] {"clickhouse", "status", "--help"},
                new String[] {"clickhouse", "validate", "--help"}, new String[] {"clickhouse", "repair", "--help"},
                new String[] {"clickhouse", "baseline", "--help"}, new String[] {"clickhouse", "lint", "--help"})) {
            Run run = cli(args);
            String command = String.join(" ", args);
            assertEquals(0, run.exitCode(), command + ": " + run.err());
            assertTrue(run.out().startsWith("Usage: schema-migrations"), command + ": " + run.out());
            assertEquals("", run.err(), command);
        }
    }

    @Test
    void aUsageErrorExitsTwoWithTheErrorAndTheUsageOfTheCommand() {
        Run unknown = cli("migrate", "--no-such-option");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().startsWith("Unknown option: '--no-such-option'"), unknown.err());
        assertTrue(unknown.err().contains("Usage: schema-migrations migrate"), unknown.err());

        Run noCommand = cli();
        assertEquals(2, noCommand.exitCode());
        assertTrue(noCommand.err().contains("Usage: schema-migrations"), noCommand.err());

        Run noClickHouseCommand = cli("clickhouse");
        assertEquals(2, noClickHouseCommand.exitCode());
        assertTrue(noClickHouseCommand.err().contains("Usage: schema-migrations clickhouse"), noClickHouseCommand.err());

        Run missingVersion = cli("clickhouse", "baseline");
        assertEquals(2, missingVersion.exitCode());
        assertTrue(missingVersion.err().contains("Missing required option: '--version=N'"), missingVersion.err());
    }

    @Test
    void clickHouseCommandsShowOnlyOptionsThatApplyToClickHouse() {
        for (String[] args : List.of(new String[] {"clickhouse", "--help"}, new String[] {"clickhouse", "migrate", "--help"},
                new String[] {"clickhouse", "status", "--help"})) {
            String help = cli(args).out();
            for (String option : POSTGRES_ONLY) {
                assertFalse(help.contains(option), String.join(" ", args) + " shows " + option + ":\n" + help);
            }
            for (String option : List.of("--clickhouse", "--database", "--cluster", "--format", "--migrations", "--dir")) {
                assertTrue(help.contains(option), String.join(" ", args) + " lacks " + option + ":\n" + help);
            }
        }
        String postgresHelp = cli("migrate", "--help").out();
        for (String option : POSTGRES_ONLY) {
            assertTrue(postgresHelp.contains(option), "migrate lacks " + option + ":\n" + postgresHelp);
        }
        assertFalse(postgresHelp.contains("--clickhouse"), postgresHelp);
    }

    @Test
    void clickHouseCommandsRefusePostgresOptionsBeforeOrAfterTheirName() {
        Run after = cli("clickhouse", "migrate", "--url", DEAD_POSTGRES);
        assertEquals(2, after.exitCode(), after.err());
        assertTrue(after.err().startsWith("Unknown options: '--url'"), after.err());

        Run before = cli("--url", DEAD_POSTGRES, "clickhouse", "--clickhouse", DEAD_CLICKHOUSE, "status");
        assertEquals(2, before.exitCode(), before.err());
        assertTrue(before.err().startsWith("--url applies to the PostgreSQL commands, not to clickhouse"), before.err());
    }

    @Test
    void postgresOptionsAreAcceptedAfterTheCommandAsWellAsBefore() {
        for (String[] args : List.of(new String[] {"--url", DEAD_POSTGRES, "--lock-wait", "1", "status"},
                new String[] {"status", "--url", DEAD_POSTGRES, "--lock-wait", "1"},
                new String[] {"--schema", "other", "migrate", "--url", DEAD_POSTGRES, "--dry-run", "--retries", "1"})) {
            Run run = cli(args);
            assertEquals(1, run.exitCode(), String.join(" ", args) + ": " + run.err());
            assertTrue(run.err().startsWith("error: cannot connect to jdbc:postgresql://127.0.0.1:1/x as app"), run.err());
        }
    }

    @Test
    void aClickHouseUrlAloneIsEnoughAndIsAcceptedBeforeOrAfterTheCommand() {
        for (String[] args : List.of(new String[] {"clickhouse", "--clickhouse", DEAD_CLICKHOUSE, "status"},
                new String[] {"clickhouse", "status", "--clickhouse", DEAD_CLICKHOUSE},
                new String[] {"clickhouse", "--database", "analytics", "migrate", "--clickhouse", DEAD_CLICKHOUSE, "--dry-run"})) {
            Run run = cli(args);
            assertEquals(1, run.exitCode(), String.join(" ", args) + ": " + run.err());
            assertTrue(run.err().startsWith("error: cannot connect to ClickHouse at " + DEAD_CLICKHOUSE), run.err());
            assertFalse(run.err().contains("CRAWBL_CLICKHOUSE_URL"), run.err());
        }
    }

    @Test
    void withJsonAFailureIsOneJsonObjectOnStandardOutputAndExitsOne() throws Exception {
        for (String[] args : List.of(new String[] {"--format", "json", "--url", DEAD_POSTGRES, "status"},
                new String[] {"status", "--url", DEAD_POSTGRES, "--format", "json"},
                new String[] {"clickhouse", "status", "--format", "json", "--clickhouse", DEAD_CLICKHOUSE})) {
            Run run = cli(args);
            assertEquals(1, run.exitCode(), run.err());
            JsonNode error = new ObjectMapper().readTree(run.out());
            assertTrue(error.isObject(), run.out());
            assertTrue(error.get("error").asText().startsWith("cannot connect to "), run.out());
            assertEquals(1, error.get("exitCode").asInt());
            assertEquals(run.out().strip(), new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(error).strip(),
                    "one JSON object and nothing else on standard output");
        }
    }

    @Test
    void withJsonAClickHouseThatIsNotConfiguredIsReportedAsSkipped() throws Exception {
        Run run = cli("--migrations", "../migrations", "--format", "json", "clickhouse", "migrate");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode skipped = new ObjectMapper().readTree(run.out());
        assertTrue(skipped.get("skipped").asBoolean(), run.out());
        assertTrue(skipped.get("reason").asText().contains("CRAWBL_CLICKHOUSE_URL"), run.out());
    }
}
