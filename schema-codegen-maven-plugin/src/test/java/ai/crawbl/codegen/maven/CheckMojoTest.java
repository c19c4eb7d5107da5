package ai.crawbl.codegen.maven;

import ai.crawbl.codegen.meta.GenerationRecord;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code check} then jOOQ then {@code record}, as a build runs them, on a module folder of the test's. */
class CheckMojoTest {

    @TempDir
    Path module;

    private Path target;
    private MavenProject project;

    @BeforeEach
    void aModuleThatWasGeneratedOnce() throws Exception {
        Files.createDirectories(module.resolve("migrations"));
        Files.writeString(module.resolve("migrations/000001_a.up.sql"), "CREATE TABLE a (id uuid);\n");
        Files.writeString(module.resolve("codegen.xml"), "<configuration/>\n");
        target = module.resolve("target/generated-sources/jooq");
        Files.createDirectories(target.resolve("com/example"));
        Files.writeString(target.resolve("com/example/A.java"), "class A {}\n");
        project = new MavenProject();
        project.setFile(module.resolve("pom.xml").toFile());
        record();
    }

    private void record() throws Exception {
        RecordMojo record = new RecordMojo();
        record.project = project;
        record.inputs = List.of(new File("codegen.xml"), new File("migrations"));
        record.salt = "jOOQ 3.21.9";
        record.targetDirectory = target.toFile();
        record.execute();
    }

    private boolean skipped() throws Exception {
        CheckMojo check = new CheckMojo();
        check.project = project;
        check.inputs = List.of(new File("codegen.xml"), new File("migrations"));
        check.salt = "jOOQ 3.21.9";
        check.targetDirectory = target.toFile();
        check.execute();
        return Boolean.parseBoolean(project.getProperties().getProperty(CheckMojo.JOOQ_SKIP));
    }

    @Test
    void unchangedInputsAndOutputSkipJooqAndKeepTheSourcesCompiled() throws Exception {
        assertTrue(skipped());
        assertEquals(List.of(target.toString()), project.getCompileSourceRoots());
    }

    @Test
    void aNewMigrationRegenerates() throws Exception {
        Files.writeString(module.resolve("migrations/000002_b.up.sql"), "CREATE TABLE b (id uuid);\n");
        assertFalse(skipped());
        assertTrue(project.getCompileSourceRoots().isEmpty(), "jOOQ's plugin adds the root when it generates");
    }

    @Test
    void aChangedConfigurationOrGeneratorVersionRegenerates() throws Exception {
        Files.writeString(module.resolve("codegen.xml"), "<configuration><generator/></configuration>\n");
        assertFalse(skipped());
        record();
        assertTrue(skipped());

        CheckMojo newerJooq = new CheckMojo();
        newerJooq.project = project;
        newerJooq.inputs = List.of(new File("codegen.xml"), new File("migrations"));
        newerJooq.salt = "jOOQ 3.22.0";
        newerJooq.targetDirectory = target.toFile();
        newerJooq.execute();
        assertEquals("false", project.getProperties().getProperty(CheckMojo.JOOQ_SKIP));
    }

    @Test
    void anEditedOrDeletedGeneratedFileRegenerates() throws Exception {
        Files.writeString(target.resolve("com/example/A.java"), "class A { int edited; }\n");
        assertFalse(skipped());
        record();
        Files.delete(target.resolve("com/example/A.java"));
        assertFalse(skipped());
    }

    @Test
    void noRecordMeansGenerate() throws Exception {
        Files.delete(target.resolve(GenerationRecord.FILE));
        assertFalse(skipped());
    }
}
