package ai.crawbl.seed;

import ai.crawbl.migrations.postgres.PostgresEndpoint;
import ai.crawbl.migrations.postgres.Redaction;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.Schema;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the catalogs into one database: in a single transaction, after checking that each catalog's table has the
 * shape it was declared with, the catalogs are loaded in foreign-key order, each upserted on its natural key as its
 * mode says, writing only rows that differ; then, last catalog first, rows in no file are deleted where the mode is
 * sync (or {@link #prune}). Any error rolls everything back. Loaders serialise on an advisory lock, so two started at
 * once both succeed and the second finds nothing to do.
 *
 * <pre>{@code
 * SeedResult result = SeedLoader.into(endpoint).load(SeedSource.packaged());
 * }</pre>
 *
 * @param endpoint    the database
 * @param description how messages and the result name it, never with a password
 * @param dryRun      compute and report the changes, write nothing
 * @param prune       load every upsert catalog in mode sync: also delete catalog rows whose key is in no file
 * @param environment the overlay folder loaded on top of the base files, or null
 * @param maxFileBytes seed files larger than this are refused
 */
public record SeedLoader(PostgresEndpoint endpoint, String description, boolean dryRun, boolean prune, String environment,
                         long maxFileBytes) {

    /**
     * Key of the transaction-level advisory lock that serialises loaders: the bytes of "crawbl." as a number, above
     * the 32-bit range of the engine's CRC32-keyed migration lock, so the two never collide.
     */
    static final long LOCK_KEY = 0x637261_77626c_2eL;

    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final Pattern REFERENCED_ID = Pattern.compile("\\(id\\)=\\(([0-9a-f-]{36})\\)");

    /** A loader that writes, without pruning. */
    public static SeedLoader into(PostgresEndpoint endpoint) {
        return new SeedLoader(endpoint, endpoint.toString(), false, false, null, Seeds.DEFAULT_MAX_FILE_BYTES);
    }

    /** The same loader, naming the database {@code description} (e.g. {@code PostgresConnection.describe()}). */
    public SeedLoader describedAs(String description) {
        return new SeedLoader(endpoint, description, dryRun, prune, environment, maxFileBytes);
    }

    public SeedLoader dryRun(boolean dryRun) {
        return new SeedLoader(endpoint, description, dryRun, prune, environment, maxFileBytes);
    }

    public SeedLoader prune(boolean prune) {
        return new SeedLoader(endpoint, description, dryRun, prune, environment, maxFileBytes);
    }

    /** The same loader, also loading the overlay folder {@code environment} (null: the base files only). */
    public SeedLoader environment(String environment) {
        return new SeedLoader(endpoint, description, dryRun, prune, environment, maxFileBytes);
    }

    /** The same loader, refusing seed files larger than {@code maxFileBytes}. */
    public SeedLoader maxFileBytes(long maxFileBytes) {
        return new SeedLoader(endpoint, description, dryRun, prune, environment, maxFileBytes);
    }

    /**
     * Reads and checks the files of {@code source} (and its overlay), then loads them (see {@link #load(Seeds)}).
     * The files are read on another thread while this one connects and takes the lock, so a large catalog's parsing
     * overlaps the JVM's first database round trips; bad files are reported before an unreachable database.
     */
    public SeedResult load(SeedSource source) {
        CompletableFuture<Seeds> reading = CompletableFuture.supplyAsync(() -> Seeds.read(source, maxFileBytes, environment));
        Connection connection;
        try {
            connection = connect();
        } catch (SeedException e) {
            join(reading);
            throw e;
        }
        return load(connection, () -> join(reading));
    }

    private static Seeds join(CompletableFuture<Seeds> reading) {
        try {
            return reading.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Loads the catalogs in one transaction and reports what changed.
     *
     * @throws SeedException     when the database cannot be reached, has another shape, or refuses a write
     * @throws SeedFileException when an entry refers to a key that no catalog has (placed at the value)
     */
    public SeedResult load(Seeds seeds) {
        return load(connect(), () -> seeds);
    }

    private SeedResult load(Connection opened, Supplier<Seeds> seeds) {
        long started = System.nanoTime();
        try (Connection connection = opened) {
            connection.setAutoCommit(false);
            DSLContext db = DSL.using(connection, SQLDialect.POSTGRES, new Settings().withExecuteLogging(false));
            try {
                lock(connection);
                Seeds declared = seeds.get().resolve(name -> liveTable(db, name));
                requireShape(connection, declared.catalogs());
                List<CatalogReport> reports = load(db, connection, declared);
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

    private List<CatalogReport> load(DSLContext db, Connection connection, Seeds seeds) throws SQLException {
        EntryIds ids = new EntryIds();
        Map<String, Map<String, UUID>> keys = new HashMap<>();
        List<SeedProblem> problems = new ArrayList<>();
        List<CatalogWriter> writers = new ArrayList<>();
        List<CatalogWriter.Plan> plans = new ArrayList<>();
        for (Catalog catalog : seeds.catalogs()) {
            CatalogWriter writer = new CatalogWriter(catalog);
            Mode mode = prune && catalog.mode() == Mode.UPSERT ? Mode.SYNC : catalog.mode();
            CatalogWriter.Plan plan = writer.plan(db, connection, seeds.rows(catalog), mode, ids, keys, problems);
            keys.put(catalog.name(), plan.keys());
            writers.add(writer);
            plans.add(plan);
        }
        if (!problems.isEmpty()) {
            throw new SeedFileException(problems);
        }
        if (!dryRun) {
            for (int i = 0; i < writers.size(); i++) {
                writers.get(i).write(db, connection, plans.get(i).writes());
            }
        }
        // Deleting runs last catalog first, so a row's referrers among the catalogs go before it. A dry run deletes too
        // (and rolls back), so it meets the foreign-key refusal that the real run would.
        for (int i = writers.size() - 1; i >= 0; i--) {
            if (!plans.get(i).doomed().isEmpty()) {
                delete(db, writers.get(i), plans.get(i));
            }
        }
        return plans.stream().map(CatalogWriter.Plan::report).toList();
    }

    /** Waits for the loaders' advisory lock; plain JDBC, so a run with nothing to write needs jOOQ only to render SQL. */
    private static void lock(Connection connection) throws SQLException {
        try (var statement = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            statement.setLong(1, LOCK_KEY);
            statement.execute();
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

    /** A table the generated classes do not know, as the database describes it; null when there is none. */
    private static org.jooq.Table<?> liveTable(DSLContext db, String name) {
        for (Schema schema : db.meta().getSchemas("orchestrator")) {
            org.jooq.Table<?> table = schema.getTable(name);
            if (table != null) {
                return table;
            }
        }
        return null;
    }

    /** Every catalog's table must exist with its columns, of compatible types; else nothing is sent. */
    private void requireShape(Connection connection, List<Catalog> catalogs) throws SQLException {
        String mismatch = ShapeCheck.firstMismatch(connection, catalogs);
        if (mismatch != null) {
            throw new SeedException(description + " does not have the shape the catalogs need: " + mismatch + ". Run "
                    + "'./crawbl platform orchestrator migrate' (or 'java -jar schema-migrations.jar migrate' with the same "
                    + "--url) first, or check that --url names the orchestrator's database. Nothing was written.");
        }
    }

    private void delete(DSLContext db, CatalogWriter writer, CatalogWriter.Plan plan) {
        Catalog catalog = writer.catalog();
        try {
            writer.delete(db, plan.doomed());
        } catch (DataAccessException e) {
            PSQLException cause = e.getCause(PSQLException.class);
            ServerErrorMessage server = cause == null ? null : cause.getServerErrorMessage();
            if (server == null || !FOREIGN_KEY_VIOLATION.equals(cause.getSQLState())) {
                throw e;
            }
            String key = "a row";
            Matcher id = REFERENCED_ID.matcher(String.valueOf(server.getDetail()));
            if (id.find()) {
                String natural = CatalogWriter.keyOf(plan, UUID.fromString(id.group(1)));
                if (natural != null) {
                    key = (catalog.key().size() == 1 ? catalog.keyProperties().getFirst().name() : "key") + " \"" + natural + "\"";
                }
            }
            throw new SeedException((prune ? "--prune" : "sync") + " refused: " + catalog.name() + " " + key + " is not in "
                    + catalog.file() + ", but table " + server.getTable() + " still references it (foreign key "
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
