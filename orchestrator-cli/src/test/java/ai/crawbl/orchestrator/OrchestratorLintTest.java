package ai.crawbl.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code crawbl platform orchestrator lint}: both migration folders and the seed files in one report, which with
 * {@code --format json} or {@code --format sarif} is exactly one document, findings naming files as given.
 */
class OrchestratorLintTest {

    private static final Path PROJECT_MIGRATIONS = Path.of("../migrations");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    record Run(int exitCode, String out, String err) {
    }

    private static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = OrchestratorCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static JsonNode oneDocument(String text) throws IOException {
        try (JsonParser parser = JSON.createParser(text)) {
            JsonNode node = JSON.readTree(parser);
            assertNull(parser.nextToken(), "one JSON document, nothing after it: " + text);
            return node;
        }
    }

    /** A copy of the project's migrations with a seed value of the wrong type and an unguarded ClickHouse file. */
    private Path brokenTree() throws IOException {
        Path tree = tmp.resolve("migrations");
        try (Stream<Path> walk = Files.walk(PROJECT_MIGRATIONS)) {
            for (Path path : walk.toList()) {
                Path copy = tree.resolve(PROJECT_MIGRATIONS.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy);
                }
            }
        }
        Path tools = tree.resolve("orchestrator/seed/tools.json");
        Files.writeString(tools, Files.readString(tools).replaceFirst("\"sort_order\": 10", "\"sort_order\": \"ten\""));
        Files.writeString(tree.resolve("clickhouse/002_unguarded.sql"), "CREATE TABLE t (id UInt32) ENGINE = MergeTree ORDER BY id;\n");
        return tree;
    }

    @Test
    void theProjectLintsCleanAndSaysHowLongTheLintWorkTook() {
        Run run = cli("--migrations", PROJECT_MIGRATIONS.toString(), "lint");

        assertEquals(0, run.exitCode(), run.out() + run.err());
        List<String> summary = run.out().lines().toList();
        assertEquals(3, summary.size(), run.out());
        assertTrue(summary.get(0).matches("\\.\\./migrations/orchestrator: \\d+ files, no findings \\(lint work [0-9.]+ ms\\)"), run.out());
        assertTrue(summary.get(1).startsWith("../migrations/clickhouse: "), run.out());
        assertTrue(summary.get(2).startsWith("../migrations/orchestrator/seed: "), run.out());
    }

    @Test
    void jsonIsOneDocumentCoveringBothFoldersAndTheSeedFiles() throws IOException {
        Path tree = brokenTree();

        Run run = cli("--migrations", tree.toString(), "--format", "json", "lint");

        assertEquals(1, run.exitCode(), run.err());
        JsonNode report = oneDocument(run.out());
        assertEquals(2, report.get("errors").asInt(), run.out());
        List<String> files = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        report.get("folders").forEach(folder -> folder.get("findings").forEach(f -> {
            files.add(f.get("file").asText());
            messages.add(f.get("message").asText());
        }));
        assertEquals(List.of(tree.resolve("clickhouse/002_unguarded.sql").toString(),
                tree.resolve("orchestrator/seed/tools.json").toString()), files);
        assertTrue(messages.get(1).contains("/tools/0/sort_order"), messages.toString());
    }

    @Test
    void sarifIsOneValidLogWithTheSeedProblemsToo() throws IOException {
        Run run = cli("--migrations", brokenTree().toString(), "--format", "sarif", "lint");

        assertEquals(1, run.exitCode(), run.err());
        JsonNode log = oneDocument(run.out());
        assertEquals("2.1.0", log.get("version").asText());
        List<String> rules = new ArrayList<>();
        log.at("/runs/0/results").forEach(result -> rules.add(result.get("ruleId").asText()));
        assertEquals(List.of("guard", "seed-file"), rules);
    }

    @Test
    void sarifIsRefusedByEveryOtherCommand() {
        Run run = cli("--migrations", PROJECT_MIGRATIONS.toString(), "--format", "sarif", "status");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--format sarif is for lint only"), run.err());
    }
}
