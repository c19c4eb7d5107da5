package ai.crawbl.migrations.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import ai.crawbl.migrations.postgres.EmbeddedPostgres;
import ai.crawbl.migrations.testing.EmbeddedPostgresExtension;
import ai.crawbl.migrations.testing.PostgresDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link SqlScript#postgres} splits every script of the corpus exactly where psql does. psql runs each corpus file
 * against the embedded server with {@code -L}, which logs every query it sends; each must run without error, so the
 * corpus is real SQL. psql's queries are compared, after dropping the leading comments psql keeps and the
 * terminating semicolon, to our statements' text.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(EmbeddedPostgresExtension.class)
class PsqlSplittingTest {

    private static final Pattern LOGGED_QUERY =
            Pattern.compile("\\*{9} QUERY \\*{10}\n(.*?)\n\\*{26}\n", Pattern.DOTALL);

    private EmbeddedPostgres server;
    private PostgresDatabase database;

    @BeforeAll
    void server(EmbeddedPostgres server, PostgresDatabase database) {
        this.server = server;
        this.database = database;
    }

    static Stream<Path> corpus() throws IOException, URISyntaxException {
        Path dir = Path.of(Objects.requireNonNull(PsqlSplittingTest.class.getResource("/sql-corpus")).toURI());
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        }
        assertTrue(files.size() >= 5, "the corpus is missing");
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void splitsLikePsql(Path file) throws Exception {
        String script = Files.readString(file);

        List<String> ours = SqlScript.postgres(script).stream().map(Statement::sql).toList();

        assertEquals(psqlStatements(file), ours);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyStatementStartsWhereItsPositionSays(Path file) throws IOException {
        String script = Files.readString(file);
        List<String> lines = List.of(script.split("\n", -1));
        for (Statement statement : SqlScript.postgres(script)) {
            String line = lines.get(statement.line() - 1);
            int offset = line.offsetByCodePoints(0, statement.column() - 1);
            String firstLine = statement.sql().lines().findFirst().orElseThrow();
            assertTrue(line.startsWith(firstLine, offset), statement + " does not start at its position");
        }
    }

    /** The statements psql sends for a file (run in a database of its own), normalised to the form {@link Statement#sql()} has. */
    private List<String> psqlStatements(Path file) throws Exception {
        PostgresDatabase fresh = database.sibling();
        Path log = Files.createTempFile("psql-", ".log");
        try {
            ProcessBuilder psql = new ProcessBuilder(server.binaries().binDir().resolve("psql").toString(), "-X", "-q",
                    "-h", "127.0.0.1", "-p", Integer.toString(server.port()), "-U", fresh.endpoint().user(), "-d", fresh.name(),
                    "-v", "ON_ERROR_STOP=1", "-L", log.toString(), "-f", file.toString())
                    .redirectErrorStream(true);
            psql.environment().put("PGPASSWORD", fresh.endpoint().password());
            Process run = psql.start();
            String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, run.waitFor(), "psql failed on the corpus file: " + output);
            Matcher matcher = LOGGED_QUERY.matcher(Files.readString(log, StandardCharsets.UTF_8));
            List<String> statements = new ArrayList<>();
            while (matcher.find()) {
                String sql = normalise(matcher.group(1));
                if (!sql.isEmpty()) {
                    statements.add(sql);
                }
            }
            return statements;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Drops leading whitespace and comments (psql keeps leading block comments), the final ';', trailing space. */
    private static String normalise(String query) {
        String s = query;
        while (true) {
            s = s.stripLeading();
            if (s.startsWith("--")) {
                int eol = s.indexOf('\n');
                s = eol < 0 ? "" : s.substring(eol + 1);
            } else if (s.startsWith("/*")) {
                int depth = 0;
                int i = 0;
                do {
                    if (s.startsWith("/*", i)) {
                        depth++;
                        i += 2;
                    } else if (s.startsWith("*/", i)) {
                        depth--;
                        i += 2;
                    } else {
                        i++;
                    }
                } while (depth > 0 && i < s.length());
                s = s.substring(i);
            } else {
                break;
            }
        }
        s = s.stripTrailing();
        if (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).stripTrailing();
        }
        return s;
    }
}
