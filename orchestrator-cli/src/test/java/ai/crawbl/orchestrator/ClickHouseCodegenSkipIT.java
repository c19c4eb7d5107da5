package ai.crawbl.orchestrator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An unchanged rebuild of the ClickHouse classes loads no chDB: in a copy of the project, Maven's JVM loads the chDB
 * binding when {@code schema-codegen-clickhouse} has to generate, and not a class of it when nothing changed since.
 */
class ClickHouseCodegenSkipIT {

    /** The class through which the toolkit loads {@code libchdb.so}. */
    private static final String CHDB = "ai.crawbl.migrations.clickhouse.ChdbLibrary";

    private Path project;

    @BeforeEach
    void copyOfTheProject() throws IOException {
        project = LauncherCheckout.copyOfTheProject();
    }

    @AfterEach
    void removeCopy() throws IOException {
        LauncherCheckout.delete(project);
    }

    @Test
    void aRebuildWithNothingChangedLoadsNoChdbWhileARegenerationDoes() throws Exception {
        Files.delete(project.resolve("schema-codegen-clickhouse/target/generated-sources/jooq/.crawbl-codegen.sha256"));
        assertTrue(classesLoadedByABuild("regenerating").contains(" " + CHDB + " "), "a regeneration migrates on chDB");

        assertFalse(classesLoadedByABuild("unchanged").contains(" " + CHDB + " "), "nothing changed: chDB is never loaded");
    }

    /** Builds the module (and what it depends on) offline; returns the class-load log of Maven's JVM. */
    private String classesLoadedByABuild(String name) throws Exception {
        Path log = project.resolve(name + "-classes.txt");
        Path output = project.resolve(name + "-build.txt");
        ProcessBuilder builder = new ProcessBuilder(List.of("mvn", "-B", "-ntp", "-o", "-q", "-pl", "schema-codegen-clickhouse", "-am",
                "package", "-DskipTests")).directory(project.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("MAVEN_OPTS", "--sun-misc-unsafe-memory-access=allow -Xlog:class+load:file=" + log);
        Process build = builder.start();
        build.getOutputStream().close();
        if (!build.waitFor(10, TimeUnit.MINUTES)) {
            build.destroyForcibly();
            throw new IllegalStateException("the " + name + " build did not finish in 10 minutes");
        }
        assertEquals(0, build.exitValue(), Files.readString(output));
        return Files.readString(log);
    }
}
