package ai.crawbl.migrations.cli;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine CLI's lint commands: exit codes, the three formats, severities on the command line. */
class LintCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
    }

    private static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SchemaMigrationsCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Parses {@code text} as exactly one JSON document: anything after it fails. */
    static JsonNode oneDocument(String text) throws IOException {
        try (JsonParser parser = JSON.createParser(text)) {
            JsonNode node = JSON.readTree(parser);
            assertNull(parser.nextToken(), "one JSON document, nothing after it: " + text);
            return node;
        }
    }

    /** The temporary folder as a path relative to the working directory, as a person would type it. */
    private Path relative(Path folder) {
        return Path.of("").toAbsolutePath().relativize(folder);
    }

    private void migration(String name, String sql) throws IOException {
        Files.createDirectories(dir.resolve("orchestrator"));
        Files.writeString(dir.resolve("orchestrator").resolve(name), sql);
    }

    @Test
    void humanOutputShowsThePlaceTheLineACaretWhyAndFixThenTheLintTime() throws IOException {
        migration("000001_a.up.sql", "CREATE TABLE IF NOT EXISTS orchestrator.a (id uuid PRIMARY KEY, at timestamp);\n");
        Path tree = relative(dir);

        Run run = cli("--migrations", tree.toString(), "lint");

        assertEquals(1, run.exitCode(), run.err());
        String file = tree.resolve("orchestrator/000001_a.up.sql").toString();
        assertEquals(List.of(
                file + ":1:68: error[timestamptz] TIMESTAMP: use timestamptz",
                " 1 | CREATE TABLE IF NOT EXISTS orchestrator.a (id uuid PRIMARY KEY, at timestamp);",
                "   | " + " ".repeat(67) + "^",
                "   = why: TIMESTAMP without time zone stores wall-clock time with no zone: the same instant reads differently per session",
                "   = fix: use timestamptz"), run.out().lines().limit(5).toList());
        assertTrue(run.out().lines().toList().getLast().matches(
                java.util.regex.Pattern.quote(tree.resolve("orchestrator").toString())
                        + ": 1 files, 1 error, 0 warnings \\(lint work [0-9.]+ ms\\)"), run.out());
    }

    @Test
    void jsonIsOneDocumentWhoseFilesAreThePathsAsGiven() throws IOException {
        migration("000001_a.up.sql", "CREATE TABLE orchestrator.a (id uuid PRIMARY KEY);\n");
        Path tree = relative(dir);

        Run run = cli("--migrations", tree.toString(), "--format", "json", "lint");

        assertEquals(1, run.exitCode());
        JsonNode report = oneDocument(run.out());
        assertEquals(1, report.get("errors").asInt());
        JsonNode finding = report.at("/folders/0/findings/0");
        assertEquals(tree.resolve("orchestrator/000001_a.up.sql").toString(), finding.get("file").asText());
        assertEquals(1, finding.get("line").asInt());
        assertEquals(8, finding.get("column").asInt());
        assertEquals("guard", finding.get("rule").asText());
        assertEquals("error", finding.get("severity").asText());
        assertTrue(finding.get("fix").asText().contains("IF NOT EXISTS"), finding.toString());
    }

    @Test
    void anAbsoluteFolderInsideTheWorkingDirectoryIsShownRelativeToIt() throws IOException {
        Path inside = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "lint-cwd-").toAbsolutePath();
        try {
            Files.createDirectories(inside.resolve("orchestrator"));
            Files.writeString(inside.resolve("orchestrator/000001_a.up.sql"), "CREATE TABLE orchestrator.a (id uuid PRIMARY KEY);\n");

            Run run = cli("--migrations", inside.toString(), "--format", "json", "lint");

            Path shown = Path.of("target", inside.getFileName().toString(), "orchestrator");
            assertEquals(shown.toString(), oneDocument(run.out()).at("/folders/0/folder").asText());
            assertEquals(shown.resolve("000001_a.up.sql").toString(),
                    oneDocument(run.out()).at("/folders/0/findings/0/file").asText());
        } finally {
            try (var walk = Files.walk(inside)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void theProjectsFoldersLintCleanInEveryFormat() throws IOException {
        for (String verb : List.of("lint", "clickhouse lint")) {
            List<String> args = new ArrayList<>(List.of("--migrations", "../migrations", "--format", "json"));
            args.addAll(List.of(verb.split(" ")));
            Run json = cli(args.toArray(String[]::new));
            assertEquals(0, json.exitCode(), json.out() + json.err());
            assertEquals(0, oneDocument(json.out()).get("errors").asInt());

            args.set(3, "sarif");
            Run sarif = cli(args.toArray(String[]::new));
            assertEquals(0, sarif.exitCode(), sarif.err());
            assertEquals("2.1.0", oneDocument(sarif.out()).get("version").asText());
        }
    }

    @Test
    void severitiesOnTheCommandLineDecideTheExitCode() throws IOException {
        migration("000001_a.up.sql", "CREATE TABLE orchestrator.a (id uuid PRIMARY KEY);\n");
        String tree = dir.toString();

        assertEquals(1, cli("--migrations", tree, "lint").exitCode());
        Run warning = cli("--migrations", tree, "lint", "--warning", "guard");
        assertEquals(0, warning.exitCode(), "warnings alone exit 0");
        assertTrue(warning.out().contains("warning[guard]"), warning.out());
        assertEquals(0, cli("--migrations", tree, "lint", "--off", "guard").exitCode());

        Run unknown = cli("--migrations", tree, "lint", "--error", "no-such-rule");
        assertEquals(2, unknown.exitCode(), "an unknown rule is a usage error");
        assertTrue(unknown.err().contains("no-such-rule: no such rule"), unknown.err());
    }

    @Test
    void clickHouseLintTakesTheEnginesClusterName() throws IOException {
        Files.createDirectories(dir.resolve("clickhouse"));
        Files.writeString(dir.resolve("clickhouse/001_t.sql"),
                "CREATE TABLE IF NOT EXISTS t (id UUID) ENGINE = ReplicatedMergeTree ORDER BY id;\n");

        assertEquals(1, cli("--migrations", dir.toString(), "clickhouse", "lint").exitCode());
        assertEquals(0, cli("--migrations", dir.toString(), "clickhouse", "lint", "--cluster", "main").exitCode());
        assertEquals(0, cli("--migrations", dir.toString(), "clickhouse", "--cluster", "main", "lint").exitCode());
    }

    @Test
    void sarifIsForLintOnly() {
        Run run = cli("--dir", dir.toString(), "--format", "sarif", "status");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--format sarif is for lint only"), run.err());
    }
}
