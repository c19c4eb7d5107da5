package ai.crawbl.codegen.maven;

import ai.crawbl.migrations.postgres.PostgresEndpoint;
import ai.crawbl.migrations.postgres.PostgresServer;
import ai.crawbl.migrations.testing.EmbeddedPostgresExtension;
import org.apache.maven.project.MavenProject;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Property;
import org.jooq.meta.jaxb.Target;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Builds of a service module as Maven runs them: {@code check}, then jOOQ's generator (unless check skipped it), then
 * {@code record}, with a real generation from a small chain on the test server.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class SkipAcrossBuildsTest {

    /** Where a generation that needs a database would fail at once: nothing listens there. */
    private static final String DEAD_SERVER = "jdbc:postgresql://127.0.0.1:1/nowhere";

    private final PostgresServer server;

    @TempDir
    Path module;

    private Path target;
    private MavenProject project;

    SkipAcrossBuildsTest(PostgresServer server) {
        this.server = server;
    }

    @BeforeEach
    void aServiceModule() throws Exception {
        Path migrations = Files.createDirectories(module.resolve("src/main/migrations"));
        Files.writeString(migrations.resolve("000001_init.up.sql"), """
                CREATE SCHEMA IF NOT EXISTS billing;
                CREATE TABLE IF NOT EXISTS billing.invoices (id uuid PRIMARY KEY, total numeric(12,2) NOT NULL);
                """);
        Files.writeString(module.resolve("pom.xml"), "<project><!-- the jOOQ configuration lives here --></project>\n");
        target = module.resolve("target/generated-sources/jooq");
        project = new MavenProject();
        project.setFile(module.resolve("pom.xml").toFile());
    }

    /** One build: true when the generation step ran jOOQ's generator (check did not skip it). */
    private boolean build(String codegenUrl) throws Exception {
        CheckMojo check = configure(new CheckMojo());
        check.execute();
        boolean ranJooq = !Boolean.parseBoolean(project.getProperties().getProperty(CheckMojo.JOOQ_SKIP));
        if (ranJooq) {
            generate(codegenUrl);
        }
        configure(new RecordMojo()).execute();
        return ranJooq;
    }

    private <M extends GenerationMojo> M configure(M mojo) {
        mojo.project = project;
        mojo.inputs = List.of(new File("src/main/migrations"), new File("pom.xml"));
        mojo.salt = "jOOQ 3.21.9";
        mojo.targetDirectory = target.toFile();
        return mojo;
    }

    /** jOOQ's generator with the toolkit's classes; the throwaway database goes on the server {@code codegen.url} names. */
    private void generate(String codegenUrl) throws Exception {
        Configuration configuration = new Configuration().withBasedir(module.toString()).withGenerator(new Generator()
                .withName("ai.crawbl.codegen.meta.IncrementalJavaGenerator")
                .withDatabase(new Database().withName("ai.crawbl.codegen.meta.MigratedPostgresDatabase")
                        .withInputSchema("billing").withExcludes("crawbl_schema_history")
                        .withProperties(new Property().withKey("migrations").withValue("src/main/migrations"),
                                new Property().withKey("provider").withValue("url"),
                                new Property().withKey("schema").withValue("billing")))
                .withTarget(new Target().withPackageName("com.example.billing.db").withDirectory(target.toString())));
        System.setProperty("codegen.url", codegenUrl);
        try {
            GenerationTool.generate(configuration);
        } finally {
            System.clearProperty("codegen.url");
        }
    }

    private String testServer() {
        PostgresEndpoint endpoint = server.endpoint();
        return endpoint.jdbcUrl() + "?user=" + endpoint.user() + "&password=" + endpoint.password();
    }

    @Test
    void aPomEditThatLeavesTheJooqConfigurationAsItWasStartsNoDatabaseThenAndNoJooqAfterwards() throws Exception {
        assertTrue(build(testServer()), "the first build generates");
        assertTrue(Files.exists(target.resolve("com/example/billing/db/tables/Invoices.java")));
        assertFalse(build(DEAD_SERVER), "an unchanged build skips jOOQ altogether");
        Map<String, FileTime> written = modified(target);

        Files.writeString(module.resolve("pom.xml"), "<project><!-- a new dependency, say --><dependencies/></project>\n");

        // jOOQ runs (the pom changed), finds its schema and configuration as they were, and needs no database.
        assertTrue(build(DEAD_SERVER));
        assertFalse(build(DEAD_SERVER), "the next build skips jOOQ again");
        assertEquals(sourcesOnly(written), sourcesOnly(modified(target)), "no generated source was rewritten");
    }

    @Test
    void aNewMigrationStillRegeneratesThroughBothSteps() throws Exception {
        build(testServer());
        Files.writeString(module.resolve("src/main/migrations/000002_notes.up.sql"),
                "ALTER TABLE billing.invoices ADD COLUMN IF NOT EXISTS note text;\n");

        assertTrue(build(testServer()));

        assertTrue(Files.readString(target.resolve("com/example/billing/db/tables/Invoices.java")).contains("NOTE"));
        assertFalse(build(DEAD_SERVER));
    }

    private static Map<String, FileTime> modified(Path dir) throws Exception {
        Map<String, FileTime> times = new HashMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                times.put(dir.relativize(file).toString(), Files.getLastModifiedTime(file));
            }
        }
        return times;
    }

    private static Map<String, FileTime> sourcesOnly(Map<String, FileTime> files) {
        Map<String, FileTime> sources = new HashMap<>(files);
        sources.keySet().removeIf(file -> !file.endsWith(".java"));
        return sources;
    }
}
