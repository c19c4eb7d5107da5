package ai.crawbl.schema;

import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Property;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One run of jOOQ's generator with the module's own configuration ({@code src/main/jooq/orchestrator.xml}), as the
 * build runs it, with the migrations folder, database properties and target directory of a test's choosing.
 */
record CodegenRun(Path migrations, Path target, Map<String, String> properties, String packageName) {

    static final Path CONFIGURATION = Path.of("src/main/jooq/orchestrator.xml");

    /** A run into the configuration's own package. */
    CodegenRun(Path migrations, Path target, Map<String, String> properties) {
        this(migrations, target, properties, "ai.crawbl.schema.orchestrator");
    }

    /** A run on the project's own migrations. */
    static Path projectMigrations() {
        return Path.of("../migrations/orchestrator").toAbsolutePath().normalize();
    }

    /** Runs the generator; throws what it throws. */
    void generate() throws Exception {
        Configuration configuration;
        try (InputStream in = Files.newInputStream(CONFIGURATION)) {
            configuration = GenerationTool.load(in);
        }
        configuration.setBasedir(Path.of("").toAbsolutePath().toString());
        configuration.getGenerator().getTarget().setDirectory(target.toString());
        configuration.getGenerator().getTarget().setPackageName(packageName);
        var database = configuration.getGenerator().getDatabase();
        database.getProperties().clear();
        database.getProperties().add(new Property().withKey("migrations").withValue(migrations.toString()));
        properties.forEach((key, value) -> database.getProperties().add(new Property().withKey(key).withValue(value)));
        GenerationTool.generate(configuration);
    }

    /** Every file the run left under {@link #target}, by relative path. */
    Map<String, byte[]> files() throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(target)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(target.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }

    /** The text of one generated class, e.g. {@code tables/Users.java}. */
    String source(String relative) throws IOException {
        return Files.readString(target.resolve(packageName.replace('.', '/')).resolve(relative));
    }
}
