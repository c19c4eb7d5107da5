package ai.crawbl.seed;

import ai.crawbl.migrations.MigrationException;
import ai.crawbl.migrations.Migrator;
import ai.crawbl.migrations.postgres.PostgresEndpoint;
import ai.crawbl.migrations.source.MigrationSource;
import ai.crawbl.migrations.source.NamingScheme;
import ai.crawbl.migrations.postgres.Redaction;
import ai.crawbl.migrations.target.PostgresTarget;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the catalogs into one database: in a single transaction, each catalog's entries are upserted on their
 * natural key through the generated jOOQ tables, writing only rows that differ; with {@link #prune}, rows absent
 * from the files are deleted. Any error rolls everything back. Loaders serialise on an advisory lock, so two
 * started at once both succeed and the second finds nothing to do.
 *
 * <pre>{@code
 * SeedResult result = SeedLoader.into(endpoint).load(SeedSource.packaged());
 * }</pre>
 *
 * @param endpoint    the database, migrated at least to {@link #requiredMigration()}
 * @param description how messages and the result name it, never with a password
 * @param dryRun   compute and report the changes, write nothing
 * @param prune    also delete catalog rows whose natural key is in no file
 */
public record SeedLoader(PostgresEndpoint endpoint, String description, boolean dryRun, boolean prune) {

    /**
     * Key of the transaction-level advisory lock that serialises loaders: the bytes of "crawbl." as a number, above
     * the 32-bit range of the engine's CRC32-keyed migration lock, so the two never collide.
     */
    static final long LOCK_KEY = 0x637261_77626c_2eL;

    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final Pattern REFERENCED_ID = Pattern.compile("\\(id\\)=\\(([0-9a-f-]{36})\\)");

    /** A loader that writes, without pruning. */
    public static SeedLoader into(PostgresEndpoint endpoint) {
        return new SeedLoader(endpoint, endpoint.toString(), false, false);
    }

    /** The same loader, naming the database {@code description} (e.g. {@code PostgresConnection.describe()}). */
    public SeedLoader describedAs(String description) {
        return new SeedLoader(endpoint, description, dryRun, prune);
    }

    public SeedLoader dryRun(boolean dryRun) {
        return new SeedLoader(endpoint, description, dryRun, prune);
    }

    public SeedLoader prune(boolean prune) {
        return new SeedLoader(endpoint, description, dryRun, prune);
    }

    /** The lowest migration version a database must have for every catalog's table to be as the loader writes it. */
    public static int requiredMigration() {
        return Arrays.stream(Catalog.values()).mapToInt(Catalog::sinceMigration).max().orElse(0);
    }

    /** Reads and checks the files of {@code source}, then loads them (see {@link #load(Seeds)}). */
    public SeedResult load(SeedSource source) {
        return load(Seeds.read(source));
    }

    /**
     * Loads the three catalogs in one transaction and reports what changed.
     *
     * @throws SeedException when the database cannot be reached, is behind on migrations, or refuses a write
     */
    public SeedResult load(Seeds seeds) {
        long started = System.nanoTime();
        try (Connection connection = connect()) {
            requireMigrated();
            connection.setAutoCommit(false);
            DSLContext db = DSL.using(connection, SQLDialect.POSTGRES, new Settings().withExecuteLogging(false));
            try {
                db.select(DSL.field("pg_advisory_xact_lock({0})", Object.class, DSL.val(LOCK_KEY))).fetch();
                EntryIds ids = new EntryIds();
                List<CatalogReport> reports = List.of(
                        load(db, connection, ids, CatalogTable.tools(), seeds.tools()),
                        load(db, connection, ids, CatalogTable.models(), seeds.models()),
                        load(db, connection, ids, CatalogTable.usagePlans(), seeds.usagePlans()));
                if (dryRun) {
                    connection.rollback();
                } else {
                    connection.commit();
                }
                return new SeedResult(description, dryRun, prune, reports, (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException | SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new SeedException("the database refused the catalogs (" + description + "): " + Redaction.url(e.getMessage())
                    + " (nothing was written)", e);
        } catch (DataAccessException e) {
            throw new SeedException("the database refused the catalogs (" + description + "): "
                    + Redaction.url(rootMessage(e)) + " (nothing was written)", e);
        }
    }

    private Connection connect() {
        try {
            return endpoint.connect();
        } catch (SQLException e) {
            throw new SeedException("cannot connect to " + description + ": " + Redaction.url(e.getMessage())
                    + " Check the URL (or CRAWBL_DATABASE_URL, PG* variables), that the server is running, and the "
                    + "credentials. Nothing was written.", e);
        }
    }

    /** The database's migration history must have reached every catalog's table. */
    private void requireMigrated() {
        int current;
        try {
            current = Migrator.configure()
                    .source(MigrationSource.packaged(NamingScheme.POSTGRES))
                    .target(PostgresTarget.at(endpoint))
                    .load().status().currentVersion();
        } catch (MigrationException e) {
            throw new SeedException("cannot read the migration history of " + description + ": " + Redaction.url(e.getMessage()), e);
        }
        int required = requiredMigration();
        if (current < required) {
            List<String> missing = Arrays.stream(Catalog.values()).filter(c -> c.sinceMigration() > current)
                    .map(c -> c.key() + " (migration " + c.sinceMigration() + ")").toList();
            throw new SeedException(description + " is at migration version " + current + ", but the catalogs need version "
                    + required + " (" + String.join(", ", missing) + " not there yet). Run "
                    + "'./crawbl platform orchestrator migrate' (or 'java -jar schema-migrations.jar migrate' with the same "
                    + "--url) first, then seed again. Nothing was written.");
        }
    }

    private <E extends CatalogEntry, R extends Record> CatalogReport load(DSLContext db, Connection connection, EntryIds ids,
                                                                        CatalogTable<E, R> table, SeedFile<E> file)
            throws SQLException {
        long started = System.nanoTime();
        Map<String, Record> current = table.current(db);
        List<RowChange> changes = new ArrayList<>();
        List<Object[]> writes = new ArrayList<>();
        int inserted = 0;
        int updated = 0;
        int unchanged = 0;
        Set<String> inFile = new HashSet<>();
        for (E entry : file.entries()) {
            inFile.add(entry.naturalKey());
            Record row = current.get(entry.naturalKey());
            if (row == null) {
                UUID id = ids.of(table.catalog, entry.naturalKey());
                changes.add(new RowChange.Inserted(entry.naturalKey(), id, table.values(entry)));
                writes.add(table.bindValues(id, entry));
                inserted++;
                continue;
            }
            List<RowChange.FieldChange> differences = table.differences(entry, row);
            if (differences.isEmpty()) {
                unchanged++;
            } else {
                UUID id = row.get(table.id);
                changes.add(new RowChange.Updated(entry.naturalKey(), id, differences));
                writes.add(table.bindValues(id, entry));
                updated++;
            }
        }
        List<UUID> doomed = new ArrayList<>();
        if (prune) {
            for (Record row : current.values()) {
                if (!inFile.contains(row.get(table.key))) {
                    changes.add(new RowChange.Deleted(row.get(table.key), row.get(table.id)));
                    doomed.add(row.get(table.id));
                }
            }
        }
        if (!dryRun) {
            if (!writes.isEmpty()) {
                table.write(db, connection, writes);
            }
            if (!doomed.isEmpty()) {
                delete(db, table, doomed, current);
            }
        }
        return new CatalogReport(table.catalog, file.file(), inserted, updated, unchanged, doomed.size(),
                (System.nanoTime() - started) / 1_000_000, changes);
    }

    private static <R extends Record> void delete(DSLContext db, CatalogTable<?, R> table, List<UUID> ids,
                                                  Map<String, Record> current) {
        try {
            db.deleteFrom(table.table).where(table.id.eq(DSL.any(ids.toArray(UUID[]::new)))).execute();
        } catch (DataAccessException e) {
            PSQLException cause = e.getCause(PSQLException.class);
            ServerErrorMessage server = cause == null ? null : cause.getServerErrorMessage();
            if (server == null || !FOREIGN_KEY_VIOLATION.equals(cause.getSQLState())) {
                throw e;
            }
            String key = "a row";
            Matcher id = REFERENCED_ID.matcher(String.valueOf(server.getDetail()));
            if (id.find()) {
                UUID referenced = UUID.fromString(id.group(1));
                key = current.values().stream().filter(row -> referenced.equals(row.get(table.id)))
                        .map(row -> table.catalog.naturalKey() + " \"" + row.get(table.key) + "\"").findFirst().orElse(key);
            }
            throw new SeedException("--prune refused: " + table.catalog.key() + " " + key + " is not in "
                    + table.catalog.fileName() + ", but table " + server.getTable() + " still references it (foreign key "
                    + server.getConstraint() + "). Keep the entry in the file, or move those " + server.getTable()
                    + " rows off it first. Nothing was written.", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
