package ai.crawbl.orchestrator;

import ai.crawbl.migrations.cli.SchemaMigrationsCli;
import ai.crawbl.migrations.testing.EmbeddedPostgresExtension;
import ai.crawbl.migrations.testing.PostgresDatabase;
import ai.crawbl.seed.cli.SeedLoaderCli;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
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
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With {@code --format json}, every command of the three command-line tools (the engine's {@code schema-migrations},
 * {@code seed-loader} and {@code crawbl platform orchestrator}) prints exactly one JSON document on standard output,
 * whether it succeeds, fails or is called wrongly: each case's output is parsed, and trailing text is an error.
 * ({@code lint} has tests of its own.)
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class JsonOutputTest {

    private static final Path PROJECT_MIGRATIONS = Path.of("../migrations").toAbsolutePath().normalize();
    private static final String DEAD_POSTGRES = "postgres://app:hunter2@127.0.0.1:1/x";
    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @TempDir
    Path tmp;

    /** One command line of one tool, and the exit code it must end with. */
    record Case(String tool, int exitCode, List<String> args) {
        static Case of(String tool, int exitCode, String... args) {
            return new Case(tool, exitCode, List.of(args));
        }
    }

    /** What one run printed and returned. */
    record Run(int exitCode, String out, String err) {
    }

    private static Run run(Case given) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
        String[] args = given.args().toArray(String[]::new);
        int code = switch (given.tool()) {
            case "schema-migrations" -> SchemaMigrationsCli.run(args, stdout, stderr);
            case "seed-loader" -> SeedLoaderCli.run(args, stdout, stderr, Map.of());
            case "orchestrator" -> OrchestratorCli.run(args, stdout, stderr, Map.of());
            default -> throw new IllegalArgumentException(given.tool());
        };
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs every case and names each one whose exit code or output is wrong; an empty list when all are right. */
    private static List<String> wrong(List<Case> cases) {
        List<String> wrong = new ArrayList<>();
        for (Case given : cases) {
            String label = given.tool() + " " + String.join(" ", given.args());
            Run run = run(given);
            if (run.exitCode() != given.exitCode()) {
                wrong.add(label + ": exit " + run.exitCode() + ", expected " + given.exitCode() + "\n" + run.err());
                continue;
            }
            try {
                JsonNode document = STRICT.readTree(run.out());
                if (document == null || !(document.isObject() || document.isArray())) {
                    wrong.add(label + ": no JSON document on standard output: [" + run.out() + "]");
                } else if (given.exitCode() == 2 && !(document.path("exitCode").asInt() == 2 && document.hasNonNull("error"))) {
                    wrong.add(label + ": a usage error without its error and exit code: " + run.out());
                }
            } catch (IOException e) {
                wrong.add(label + ": not one JSON document (" + e.getMessage().lines().findFirst().orElse("") + "):\n" + run.out());
            }
            if (run.out().contains("hunter2") || run.err().contains("hunter2")) {
                wrong.add(label + ": printed the password");
            }
        }
        return wrong;
    }

    private static String url(PostgresDatabase database) {
        var endpoint = database.endpoint();
        return endpoint.jdbcUrl() + "?user=" + endpoint.user() + "&password=" + endpoint.password();
    }

    @Test
    void everyCommandOfTheEngineCliPrintsOneJsonDocumentWhetherItSucceedsOrFails(PostgresDatabase shared) throws Exception {
        String migrated = url(shared.sibling());
        String fresh = url(shared.sibling());
        String migrations = PROJECT_MIGRATIONS.toString();
        String broken = brokenTree().toString();
        String clickhouse = "embedded:" + tmp.resolve("clickhouse");
        String tool = "schema-migrations";
        List<Case> cases = List.of(
                Case.of(tool, 0, "--migrations", migrations, "--url", migrated, "migrate", "--dry-run", "--format", "json"),
                Case.of(tool, 0, "--migrations", migrations, "--url", migrated, "migrate", "--format", "json"),
                Case.of(tool, 0, "--format", "json", "--migrations", migrations, "--url", migrated, "status"),
                Case.of(tool, 0, "--migrations", migrations, "--url", migrated, "validate", "--format", "json"),
                Case.of(tool, 0, "--migrations", migrations, "--url", migrated, "repair", "--format", "json"),
                Case.of(tool, 0, "--migrations", migrations, "--url", fresh, "baseline", "--version", "1", "--format", "json"),
                Case.of(tool, 1, "--migrations", migrations, "--url", migrated, "baseline", "--version", "1", "--format", "json"),
                Case.of(tool, 1, "--migrations", broken, "--url", migrated, "validate", "--format", "json"),
                Case.of(tool, 1, "--migrations", broken, "--url", migrated, "migrate", "--format", "json"),
                Case.of(tool, 1, "--migrations", migrations, "--url", DEAD_POSTGRES, "status", "--format", "json"),
                Case.of(tool, 0, "--migrations", migrations, "clickhouse", "--clickhouse", clickhouse, "migrate", "--format", "json"),
                Case.of(tool, 0, "--migrations", migrations, "clickhouse", "--clickhouse", clickhouse, "status", "--format", "json"),
                Case.of(tool, 0, "--migrations", migrations, "clickhouse", "--clickhouse", clickhouse, "validate", "--format", "json"),
                Case.of(tool, 0, "--migrations", migrations, "clickhouse", "--clickhouse", clickhouse, "repair", "--format", "json"),
                Case.of(tool, 1, "--migrations", migrations, "clickhouse", "--clickhouse", clickhouse, "baseline", "--version", "1", "--format", "json"),
                Case.of(tool, 1, "--migrations", broken, "clickhouse", "--clickhouse", clickhouse, "validate", "--format", "json"),
                Case.of(tool, 0, "--migrations", migrations, "clickhouse", "status", "--format", "json"));
        assertEquals(List.of(), wrong(cases));
    }

    @Test
    void theSeedLoaderPrintsOneJsonDocumentWhetherItSucceedsOrFails(PostgresDatabase shared) throws Exception {
        PostgresDatabase database = shared.sibling();
        String migrated = url(database);
        assertEquals(0, run(Case.of("schema-migrations", 0, "--migrations", PROJECT_MIGRATIONS.toString(), "--url", migrated, "migrate")).exitCode());
        String seeds = PROJECT_MIGRATIONS.resolve("orchestrator/seed").toString();
        String badSeeds = brokenTree().resolve("orchestrator/seed").toString();
        String tool = "seed-loader";
        List<Case> cases = List.of(
                Case.of(tool, 0, "--seed-dir", seeds, "--url", migrated, "--dry-run", "--format", "json"),
                Case.of(tool, 0, "--seed-dir", seeds, "--url", migrated, "--format", "json"),
                Case.of(tool, 0, "--format", "json", "--seed-dir", seeds, "--url", migrated),
                Case.of(tool, 1, "--seed-dir", badSeeds, "--url", migrated, "--format", "json"),
                Case.of(tool, 1, "--seed-dir", seeds, "--url", url(shared.sibling()), "--format", "json"),
                Case.of(tool, 1, "--seed-dir", seeds, "--url", DEAD_POSTGRES, "--format", "json"));
        assertEquals(List.of(), wrong(cases));
    }

    @Test
    void everyCommandOfTheOrchestratorCliPrintsOneJsonDocumentWhetherItSucceedsOrFails(PostgresDatabase shared) throws Exception {
        String database = url(shared.sibling());
        String unmigrated = url(shared.sibling());
        String migrations = PROJECT_MIGRATIONS.toString();
        String broken = brokenTree().toString();
        String clickhouse = "embedded:" + tmp.resolve("clickhouse");
        String tool = "orchestrator";
        List<Case> cases = List.of(
                Case.of(tool, 0, "--migrations", migrations, "--url", unmigrated, "--clickhouse", clickhouse, "status", "--format", "json"),
                Case.of(tool, 0, "--migrations", migrations, "--url", database, "--clickhouse", clickhouse, "migrate", "--dry-run", "--format", "json"),
                Case.of(tool, 0, "--migrations", migrations, "--url", database, "--clickhouse", clickhouse, "migrate", "--format", "json"),
                Case.of(tool, 0, "--format", "json", "--migrations", migrations, "--url", database, "--clickhouse", clickhouse, "status"),
                Case.of(tool, 0, "--migrations", migrations, "--url", database, "seed", "--format", "json"),
                Case.of(tool, 0, "--migrations", migrations, "--url", database, "validate", "--format", "json"),
                Case.of(tool, 0, "--migrations", migrations, "--url", database, "repair", "--format", "json"),
                Case.of(tool, 1, "--migrations", migrations, "--url", database, "baseline", "--version", "1", "--format", "json"),
                Case.of(tool, 0, "--migrations", migrations, "--clickhouse", clickhouse, "clickhouse", "status", "--format", "json"),
                Case.of(tool, 1, "--migrations", broken, "--url", database, "--clickhouse", clickhouse, "migrate", "--format", "json"),
                Case.of(tool, 1, "--migrations", broken, "--url", database, "validate", "--format", "json"),
                Case.of(tool, 1, "--migrations", migrations, "--url", DEAD_POSTGRES, "status", "--format", "json"),
                Case.of(tool, 1, "--seed-dir", brokenTree().resolve("orchestrator/seed").toString(), "--url", database, "seed", "--format", "json"));
        assertEquals(List.of(), wrong(cases));
    }

    @Test
    void aUsageErrorOfAnyToolIsOneJsonObjectWithItsErrorAndExitCodeTwo() {
        List<Case> cases = new ArrayList<>();
        for (String tool : List.of("schema-migrations", "seed-loader", "orchestrator")) {
            cases.add(Case.of(tool, 2, "--bogus", "--format", "json"));
            cases.add(Case.of(tool, 2, "--format", "json", "--bogus"));
            cases.add(Case.of(tool, 2, "--format=json", "--bogus"));
        }
        cases.addAll(List.of(
                Case.of("schema-migrations", 2, "--format", "json"),
                Case.of("schema-migrations", 2, "migrate", "--bogus", "--format", "json"),
                Case.of("schema-migrations", 2, "migrate", "--target", "latest", "--format", "json"),
                Case.of("schema-migrations", 2, "baseline", "--format", "json"),
                Case.of("schema-migrations", 2, "clickhouse", "--format", "json"),
                Case.of("schema-migrations", 2, "clickhouse", "status", "--bogus", "--format", "json"),
                Case.of("schema-migrations", 2, "--url", DEAD_POSTGRES, "clickhouse", "--clickhouse", "embedded:" + tmp, "status", "--format", "json"),
                Case.of("seed-loader", 2, "--max-file-size", "0", "--format", "json"),
                Case.of("seed-loader", 2, "--max-file-size", "many", "--format", "json"),
                Case.of("orchestrator", 2, "--format", "json"),
                Case.of("orchestrator", 2, "migrate", "--bogus", "--format", "json"),
                Case.of("orchestrator", 2, "status", "--bogus", "--format", "json"),
                Case.of("orchestrator", 2, "baseline", "--format", "json"),
                Case.of("orchestrator", 2, "validate", "--bogus", "--format", "json"),
                Case.of("orchestrator", 2, "repair", "--bogus", "--format", "json"),
                Case.of("orchestrator", 2, "seed", "--bogus", "--format", "json"),
                Case.of("orchestrator", 2, "clickhouse", "--bogus", "--format", "json"),
                Case.of("orchestrator", 2, "clickhouse", "--format", "json")));
        assertEquals(List.of(), wrong(cases));
    }

    @Test
    void withoutJsonAUsageErrorPrintsNothingOnStandardOutputAndTheUsageOnTheToolsStandardError() {
        for (Case given : List.of(Case.of("schema-migrations", 2, "--bogus"), Case.of("seed-loader", 2, "--bogus"),
                Case.of("orchestrator", 2, "--bogus"), Case.of("seed-loader", 2, "--max-file-size", "0"))) {
            Run run = run(given);
            String label = given.tool() + " " + String.join(" ", given.args());
            assertEquals(2, run.exitCode(), label + ": " + run.err());
            assertEquals("", run.out(), label);
            assertTrue(run.err().contains(given.args().getFirst()) && run.err().contains("Usage:"), label + ": " + run.err());
        }
    }

    /**
     * A copy of the project's migrations with an applied PostgreSQL file and the ClickHouse file changed (so validate
     * and migrate refuse), and a seed file that breaks its schema.
     */
    private Path brokenTree() throws IOException {
        Path tree = tmp.resolve("broken");
        if (Files.exists(tree)) {
            return tree;
        }
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
        try (Stream<Path> files = Stream.concat(Files.list(tree.resolve("orchestrator")), Files.list(tree.resolve("clickhouse")))) {
            for (Path file : files.filter(path -> path.getFileName().toString().startsWith("00")).toList()) {
                if (file.getFileName().toString().startsWith("000001_") || file.getFileName().toString().startsWith("001_")) {
                    Files.writeString(file, Files.readString(file) + "\n-- changed after it was applied\n");
                }
            }
        }
        Path tools = tree.resolve("orchestrator/seed/tools.json");
        Files.writeString(tools, Files.readString(tools).replaceFirst("\"sort_order\": 10", "\"sort_order\": \"ten\""));
        return tree;
    }
}
