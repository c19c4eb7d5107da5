package ai.crawbl.migrations.cli;

import ai.crawbl.migrations.postgres.PostgresEndpoint;
import ai.crawbl.migrations.testing.EmbeddedPostgresExtension;
import ai.crawbl.migrations.testing.PostgresDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI as a person uses it: exit codes, messages, JSON, and databases left as they were on bad input. */
@ExtendWith(EmbeddedPostgresExtension.class)
class SchemaMigrationsCliTest {

    private static PostgresDatabase db;
    private Path dir;
    private String schema;

    /** What one CLI run printed and returned. */
    record Run(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void database(PostgresDatabase database) {
        db = database;
    }

    @BeforeEach
    void folder(@TempDir Path folder, TestInfo test) {
        dir = folder;
        String name = test.getTestMethod().orElseThrow().getName().toLowerCase(Locale.ROOT);
        schema = "c_" + name.substring(0, Math.min(40, name.length()));
    }

    private void file(String name, String sql) throws IOException {
        Files.writeString(dir.resolve(name), sql);
    }

    private String url() {
        PostgresEndpoint endpoint = db.endpoint();
        return endpoint.jdbcUrl().replace("jdbc:postgresql://", "postgres://" + endpoint.user() + ":" + endpoint.password() + "@");
    }

    private Run cli(String... args) {
        List<String> all = new ArrayList<>(List.of("--url", url(), "--dir", dir.toString(), "--schema", schema));
        all.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SchemaMigrationsCli.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        Run run = new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertFalse((run.out() + run.err()).contains(db.endpoint().password()), "the password is never printed");
        return run;
    }

    private boolean schemaExists() throws Exception {
        return "t".equals(db.queryValue("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = '" + schema + "')"));
    }

    @Test
    void migratePrintsAProgressLinePerMigrationAndExitsZero() throws Exception {
        file("000001_create_a.up.sql", "CREATE TABLE a (id uuid PRIMARY KEY);");
        file("000002_create_b.up.sql", "CREATE TABLE b (id uuid PRIMARY KEY);");
        Run run = cli("migrate");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).matches("applied 000001 create_a +\\d+ ms"), lines.get(0));
        assertTrue(lines.get(1).matches("applied 000002 create_b +\\d+ ms"), lines.get(1));
        assertTrue(lines.get(2).startsWith("Applied 2 migration(s) to "), lines.get(2));
        assertTrue(cli("migrate").out().contains("is up to date at version 2"));
    }

    @Test
    void jsonOutputDescribesWhatWasApplied() throws Exception {
        file("000001_create_a.up.sql", "CREATE TABLE a (id uuid PRIMARY KEY);");
        Run run = cli("--format", "json", "migrate");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode result = new ObjectMapper().readTree(run.out());
        assertEquals(1, result.get("finalVersion").asInt());
        assertEquals("create_a", result.get("applied").get(0).get("description").asText());

        JsonNode status = new ObjectMapper().readTree(cli("--format", "json", "status").out());
        assertEquals("APPLIED", status.get("migrations").get(0).get("state").asText());
        assertTrue(status.get("migrations").get(0).get("appliedAt").asText().endsWith("Z"));
    }

    @Test
    void aGapInTheVersionsNamesTheFileAndTouchesNothing() throws Exception {
        file("000001_a.up.sql", "CREATE TABLE a (id int);");
        file("000003_c.up.sql", "CREATE TABLE c (id int);");
        Run run = cli("migrate");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("000003_c.up.sql: version 3 follows 1; versions must be contiguous from 1 (rename it to 000002_c.up.sql)"), run.err());
        assertFalse(schemaExists());
    }

    @Test
    void aDuplicateVersionNamesBothFiles() throws Exception {
        file("000001_a.up.sql", "CREATE TABLE a (id int);");
        file("000001_b.up.sql", "CREATE TABLE b (id int);");
        Run run = cli("migrate");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("000001_b.up.sql: version 1 is also used by 000001_a.up.sql"), run.err());
        assertFalse(schemaExists());
    }

    @Test
    void aNameThatIsNotSixDigitsIsRejected() throws Exception {
        file("1_a.up.sql", "CREATE TABLE a (id int);");
        Run run = cli("migrate");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("1_a.up.sql: not a migration name; expected NNNNNN_<description>.up.sql"), run.err());
        assertFalse(schemaExists());
    }

    @Test
    void downMigrationsAreRejectedUnlessIgnoredExplicitly() throws Exception {
        file("000001_a.up.sql", "CREATE TABLE a (id int);");
        file("000001_a.down.sql", "DROP TABLE a;");
        Run refused = cli("migrate");
        assertEquals(1, refused.exitCode());
        assertTrue(refused.err().contains("000001_a.down.sql: down migrations are not supported"), refused.err());
        assertTrue(refused.err().contains("(option --ignore-down)"), refused.err());
        assertFalse(schemaExists());

        Run imported = cli("--ignore-down", "migrate");
        assertEquals(0, imported.exitCode(), imported.err());
        assertTrue(imported.err().contains("warning: ignoring 1 down migration(s)"), imported.err());
    }

    @Test
    void aFailingStatementIsShownWithItsLineAndACaretAndTheDatabaseIsUnchanged() throws Exception {
        file("000001_a.up.sql", "CREATE TABLE a (id int);\nCREATE TABLE b (id nosuchtype);\n");
        Run run = cli("migrate");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("error: 000001_a.up.sql:2:20: ERROR 42704: type \"nosuchtype\" does not exist\n"
                + "    2 | CREATE TABLE b (id nosuchtype);\n"
                + "      |                    ^\n"), run.err());
        assertEquals("0", db.queryValue("SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema + "' AND tablename = 'a'"));
    }

    @Test
    void validateExitsOneWhenAnAppliedFileChanged() throws Exception {
        file("000001_a.up.sql", "CREATE TABLE a (id int);");
        assertEquals(0, cli("migrate").exitCode());
        assertEquals(0, cli("validate").exitCode());
        file("000001_a.up.sql", "CREATE TABLE a (id bigint);");
        Run run = cli("validate");
        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("000001_a.up.sql changed after it was applied"), run.out());
        assertEquals(0, cli("repair").exitCode());
        assertEquals(0, cli("validate").exitCode());
    }

    @Test
    void clickHouseIsSkippedWhenNoneIsConfigured() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SchemaMigrationsCli.run(new String[] {"--migrations", "../migrations", "clickhouse", "migrate"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("ClickHouse is not configured (no --clickhouse, no CRAWBL_CLICKHOUSE_URL): skipped"));
    }

    @Test
    void lintReportsFindingsAsFileLineRuleMessageAndExitsOne() throws Exception {
        file("000001_a.up.sql", "CREATE TABLE orchestrator.a (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), at timestamp);");
        Run run = cli("lint");
        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("000001_a.up.sql:1:8: error[guard] "), run.out());
        assertTrue(run.out().contains("000001_a.up.sql:1:50: error[uuid-default] "), run.out());
        assertTrue(run.out().contains("000001_a.up.sql:1:80: error[timestamptz] "), run.out());
        assertEquals(0, SchemaMigrationsCli.run(new String[] {"--migrations", "../migrations", "lint"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream())), "the project's folder is clean");
    }

    @Test
    void anUnreachableServerIsReportedWithoutThePassword() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SchemaMigrationsCli.run(new String[] {"--url", "postgres://app:hunter2@127.0.0.1:1/x", "--dir", dir.toString(), "status"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, code);
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("error: cannot connect to jdbc:postgresql://127.0.0.1:1/x as app"), text);
        assertFalse(text.contains("hunter2"), text);
    }

    @Test
    void withJsonAMigrationThatIsRefusedIsOneJsonObjectNamingTheFile() throws Exception {
        file("000001_a.up.sql", "CREATE TABLE a (id int);");
        file("000003_c.up.sql", "CREATE TABLE c (id int);");
        Run run = cli("migrate", "--format", "json");
        assertEquals(1, run.exitCode());
        JsonNode error = new ObjectMapper().readTree(run.out());
        assertTrue(error.get("error").asText().contains("000003_c.up.sql: version 3 follows 1"), run.out());
        assertEquals(1, error.get("exitCode").asInt());
        assertFalse(schemaExists());
    }

    @Test
    void anEmbeddedDatabaseIsNamedByItsDataFolderNotByItsPort(@TempDir Path data) throws Exception {
        file("000001_a.up.sql", "CREATE TABLE IF NOT EXISTS orchestrator.a (id uuid PRIMARY KEY);");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SchemaMigrationsCli.run(new String[] {"--dir", dir.toString(), "status", "--embedded-data", data.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        String first = out.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
        assertTrue(first.matches("embedded PostgreSQL \\d+ \\(data: " + Pattern.quote(data.toString())
                + "\\) database crawbl schema orchestrator: version 0"), first);
    }

    @Test
    void anExternalDatabaseIsNamedByItsUrlWithoutThePassword() {
        Run run = cli("status");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith(db.endpoint().jdbcUrl() + " as " + db.endpoint().user() + " schema " + schema + ": version 0"),
                run.out());
    }
}
