package ai.crawbl.codegen.meta;

import ai.crawbl.migrations.Configuration;
import ai.crawbl.migrations.Migrator;
import ai.crawbl.migrations.Results.MigrateResult;
import ai.crawbl.migrations.postgres.ProvisionedExtensions;
import ai.crawbl.migrations.source.Migration;
import ai.crawbl.migrations.source.MigrationSource;
import ai.crawbl.migrations.source.NamingScheme;
import ai.crawbl.migrations.target.PostgresTarget;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.meta.postgres.PostgresDatabase;
import org.jooq.tools.JooqLogger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * jOOQ's {@link PostgresDatabase}, reading a database that it first provisions and migrates: on first use it creates
 * a throwaway PostgreSQL database, applies the migrations folder to it with the toolkit's engine, and reads that;
 * {@link #close()} drops the database or stops the server again. Configured through {@code <properties>}:
 * <ul>
 *   <li>{@code migrations}: the folder of {@code NNNNNN_<description>.up.sql} files, relative to the build's basedir
 *       (required);</li>
 *   <li>{@code provider}: {@code auto} (default), {@code embedded}, {@code url} or {@code container};</li>
 *   <li>{@code url}: a server to create the throwaway database on; the system property {@code codegen.url}
 *       overrides it, and {@code CRAWBL_DATABASE_URL} or libpq's {@code PG*} variables stand in for it;</li>
 *   <li>{@code schema}: the schema the engine migrates and keeps its history in (default {@code orchestrator});</li>
 *   <li>{@code image}: the container image for {@code provider=container} (default: pgvector's);</li>
 *   <li>{@code extensions}: created in schema {@code public} of the throwaway database before the first migration,
 *       comma-separated, {@code none} for none (default {@code vector}), as a managed production database has them
 *       from its administrator.</li>
 * </ul>
 */
public class MigratedPostgresDatabase extends PostgresDatabase {

    private static final JooqLogger log = JooqLogger.getLogger(MigratedPostgresDatabase.class);

    private ThrowawayDatabase throwaway;
    private Connection connection;
    private Set<String> writtenByTheDatabase;

    /** The migrations this database applies, read from the configured folder; nothing is started. */
    public List<Migration> migrations() {
        return source().load(log::warn);
    }

    private MigrationSource source() {
        String folder = getProperties().getProperty("migrations");
        if (folder == null || folder.isBlank()) {
            throw new IllegalArgumentException("set the database property 'migrations' to the migrations folder");
        }
        Path path = Path.of(folder);
        if (!path.isAbsolute() && getBasedir() != null) {
            path = Path.of(getBasedir()).resolve(path);
        }
        return MigrationSource.directory(path.normalize(), NamingScheme.POSTGRES);
    }

    /**
     * A context whose connection is provisioned when its first query runs: jOOQ builds contexts long before it reads
     * anything (and, when the generator skips the run, never reads at all).
     */
    @Override
    protected DSLContext create0() {
        return DSL.using(new ConnectionProvider() {
            @Override
            public Connection acquire() {
                provision();
                return connection;
            }

            @Override
            public void release(Connection released) {
            }
        }, SQLDialect.POSTGRES);
    }

    /** Provisions and migrates the database now, if that has not happened yet; a failure says which file and line. */
    void provision() {
        if (throwaway != null) {
            return;
        }
        long started = System.nanoTime();
        ThrowawayDatabase database = ThrowawayDatabase.provision(
                ThrowawayDatabase.Provider.parse(getProperties().getProperty("provider", "auto")),
                System.getProperty("codegen.url", getProperties().getProperty("url")),
                getProperties().getProperty("image"), System.getenv(),
                ProvisionedExtensions.parse(getProperties().getProperty("extensions")));
        long provisioned = System.nanoTime();
        try {
            MigrateResult result = Migrator.configure()
                    .source(source())
                    .target(PostgresTarget.at(database.endpoint()).schema(getProperties().getProperty("schema", "orchestrator")))
                    .progress(new Configuration.Progress() {
                        @Override
                        public void warning(String message) {
                            log.warn(message);
                        }
                    })
                    .load()
                    .migrate();
            log.info("Provisioned " + database + " in " + (provisioned - started) / 1_000_000 + " ms, migrated it to version "
                    + result.finalVersion() + " in " + (System.nanoTime() - provisioned) / 1_000_000 + " ms");
            connection = database.endpoint().connect();
        } catch (RuntimeException | SQLException e) {
            database.close();
            throw e instanceof SQLException ? new IllegalStateException("cannot connect to " + database + ": " + e.getMessage(), e)
                    : (RuntimeException) e;
        }
        throwaway = database;
        // jOOQ also reads some metadata from the connection itself.
        setConnection(connection);
    }

    /**
     * The columns the database always writes itself, as {@code schema.table.column}: {@code GENERATED ALWAYS AS
     * (...) STORED} and {@code GENERATED ALWAYS AS IDENTITY}. An insert or update that names one fails, so the
     * generated code leaves them out; jOOQ's open-source edition does not (its read-only columns are commercial).
     */
    Set<String> writtenByTheDatabase() {
        if (writtenByTheDatabase == null) {
            provision();
            Set<String> columns = new HashSet<>();
            try (Statement statement = connection.createStatement();
                 // The catalog itself: information_schema.columns is a slow view, and this runs in every regeneration.
                 ResultSet rs = statement.executeQuery("SELECT n.nspname, c.relname, a.attname FROM pg_catalog.pg_attribute a"
                         + " JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                         + " WHERE a.attnum > 0 AND NOT a.attisdropped AND (a.attgenerated = 's' OR a.attidentity = 'a')")) {
                while (rs.next()) {
                    columns.add(rs.getString(1) + "." + rs.getString(2) + "." + rs.getString(3));
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the generated columns of " + throwaway + ": " + e.getMessage(), e);
            }
            writtenByTheDatabase = Set.copyOf(columns);
        }
        return writtenByTheDatabase;
    }

    @Override
    public void close() {
        try {
            super.close();
        } finally {
            if (throwaway != null) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    log.warn("closing the connection to " + throwaway + ": " + e.getMessage());
                }
                throwaway.close();
                throwaway = null;
            }
        }
    }
}
