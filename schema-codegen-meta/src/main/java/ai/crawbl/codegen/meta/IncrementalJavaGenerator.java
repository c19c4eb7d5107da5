package ai.crawbl.codegen.meta;

import ai.crawbl.migrations.source.Migration;
import org.jooq.codegen.JavaGenerator;
import org.jooq.codegen.JavaWriter;
import org.jooq.meta.Database;
import org.jooq.meta.TableDefinition;
import org.jooq.tools.JooqLogger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * jOOQ's {@link JavaGenerator}, skipping the whole run when nothing it depends on changed. With a
 * {@link MigratedPostgresDatabase}, it digests the migration files, jOOQ's hash of the generator configuration,
 * jOOQ's version and this module's own classes; when that digest and the generated files are as the last run
 * recorded them, it returns before the database is provisioned. Any change regenerates everything. With another
 * {@link Database} it always generates.
 */
public class IncrementalJavaGenerator extends JavaGenerator {

    private static final JooqLogger log = JooqLogger.getLogger(IncrementalJavaGenerator.class);

    /** Set while a {@link MigratedPostgresDatabase} is generated: its columns that no insert may write. */
    private ReadOnlyColumns readOnly;

    @Override
    public void generate(Database database) {
        if (!(database instanceof MigratedPostgresDatabase migrated)) {
            super.generate(database);
            return;
        }
        Path target = Path.of(getTargetDirectory());
        String inputs = inputs(migrated.migrations());
        Fingerprint recorded = Fingerprint.recordedIn(target);
        if (recorded != null && recorded.inputs().equals(inputs) && recorded.outputs().equals(Fingerprint.outputsOf(target))) {
            log.info("Schema and configuration unchanged since the last generation (" + inputs.substring(0, 12)
                    + "): skipped, no database started");
            // The run that generated these sources reported any unused forced type; this one read nothing to use them on.
            database.getConfiguredForcedTypes().forEach(database::markUsed);
            return;
        }
        // Migrate before jOOQ reads anything, so that a failing migration fails the build with the engine's message.
        migrated.provision();
        readOnly = new ReadOnlyColumns(migrated.writtenByTheDatabase(), getStrategy());
        super.generate(database);
        new Fingerprint(inputs, Fingerprint.outputsOf(target)).writeTo(target);
    }

    @Override
    protected void generateDaoClassFooter(TableDefinition table, JavaWriter out) {
        super.generateDaoClassFooter(table, out);
        if (readOnly != null) {
            readOnly.writeDaoMembers(table, out);
        }
    }

    private String inputs(List<Migration> migrations) {
        List<byte[]> parts = new ArrayList<>();
        parts.add(("jOOQ " + org.jooq.Constants.FULL_VERSION).getBytes(StandardCharsets.UTF_8));
        parts.add(String.valueOf(configurationHash()).getBytes(StandardCharsets.UTF_8));
        parts.add(classBytes(MigratedPostgresDatabase.class));
        parts.add(classBytes(IncrementalJavaGenerator.class));
        for (Migration migration : migrations) {
            parts.add((migration.script() + " " + migration.checksum()).getBytes(StandardCharsets.UTF_8));
        }
        return Fingerprint.digest(parts);
    }

    private static byte[] classBytes(Class<?> type) {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            if (in == null) {
                throw new IllegalStateException("cannot read the class file of " + type.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
