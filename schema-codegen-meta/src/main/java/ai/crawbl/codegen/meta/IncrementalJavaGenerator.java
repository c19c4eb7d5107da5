package ai.crawbl.codegen.meta;

import ai.crawbl.migrations.source.Migration;
import org.jooq.Log;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * jOOQ's {@link JavaGenerator}, skipping the whole run when nothing it depends on changed. With a
 * {@link MigratedPostgresDatabase}, it digests the migration files, jOOQ's hash of the generator configuration,
 * jOOQ's version and this module's own classes; when those digests and the generated files are as the
 * {@link GenerationRecord} says, it returns before the database is provisioned, and says so in one line; otherwise it
 * says which input changed and regenerates everything. Generated DAOs leave the columns the database writes itself
 * out of inserts and updates ({@link ReadOnlyColumns}). With another {@link Database} it always generates.
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
        InputDigests inputs = inputs(migrated.migrations());
        GenerationRecord recorded = GenerationRecord.readFrom(target);
        if (recorded != null && recorded.schema().equals(inputs) && recorded.outputsMatch(target)) {
            log.info("jOOQ classes up to date with the migrations and the configuration: generation skipped, no database started");
            // The run that generated these sources reported any unused forced type; this one read nothing to use them on.
            database.getConfiguredForcedTypes().forEach(database::markUsed);
            return;
        }
        log.info("Regenerating the jOOQ classes: " + reason(recorded, inputs, target));
        // Migrate before jOOQ reads anything, so that a failing migration fails the build with the engine's message.
        migrated.provision();
        readOnly = new ReadOnlyColumns(migrated.writtenByTheDatabase(), getStrategy());
        long started = System.nanoTime();
        generateQuietly(database);
        new GenerationRecord(inputs, InputDigests.NONE, GenerationRecord.outputsOf(target)).writeTo(target);
        log.info("jOOQ classes regenerated in " + (System.nanoTime() - started) / 1_000_000 + " ms into " + target);
    }

    /**
     * jOOQ's generation with its information lines held back (a line per forced column, per table and per option),
     * unless the build asked for debug output; warnings still show. jOOQ's only control is its global threshold,
     * which is set back afterwards.
     */
    private void generateQuietly(Database database) {
        boolean quiet = log.isInfoEnabled() && !log.isDebugEnabled();
        if (quiet) {
            JooqLogger.globalThreshold(Log.Level.WARN);
        }
        try {
            super.generate(database);
        } finally {
            if (quiet) {
                JooqLogger.globalThreshold(Log.Level.INFO);
            }
        }
    }

    private static String reason(GenerationRecord recorded, InputDigests inputs, Path target) {
        if (recorded == null || recorded.schema().isEmpty()) {
            return "no record of an earlier generation in " + target;
        }
        if (!recorded.schema().equals(inputs)) {
            return inputs.reasonSince(recorded.schema());
        }
        return "generated files were edited or deleted since the last generation";
    }

    private InputDigests inputs(List<Migration> migrations) {
        Map<String, String> byName = new LinkedHashMap<>();
        List<byte[]> scripts = new ArrayList<>();
        for (Migration migration : migrations) {
            scripts.add((migration.script() + " " + migration.checksum()).getBytes(StandardCharsets.UTF_8));
        }
        byName.put("migrations", GenerationRecord.digest(scripts));
        byName.put("configuration", GenerationRecord.digest(List.of(String.valueOf(configurationHash()).getBytes(StandardCharsets.UTF_8))));
        byName.put("generator", GenerationRecord.digest(List.of(("jOOQ " + org.jooq.Constants.FULL_VERSION).getBytes(StandardCharsets.UTF_8),
                classBytes(MigratedPostgresDatabase.class), classBytes(IncrementalJavaGenerator.class), classBytes(ReadOnlyColumns.class))));
        return new InputDigests(byName);
    }

    @Override
    protected void generateDaoClassFooter(TableDefinition table, JavaWriter out) {
        super.generateDaoClassFooter(table, out);
        if (readOnly != null) {
            readOnly.writeDaoMembers(table, out);
        }
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
