package ai.crawbl.clickhouse.codegen;

import ai.crawbl.clickhouse.jooq.ChdbJooq;
import ai.crawbl.migrations.Configuration;
import ai.crawbl.migrations.Migrator;
import ai.crawbl.migrations.Results.MigrateResult;
import ai.crawbl.migrations.clickhouse.ClickHouse;
import ai.crawbl.migrations.source.MigrationSource;
import ai.crawbl.migrations.source.NamingScheme;
import ai.crawbl.migrations.target.ClickHouseTarget;
import org.jooq.DSLContext;
import org.jooq.conf.Settings;
import org.jooq.meta.DefaultRelations;
import org.jooq.meta.SchemaDefinition;
import org.jooq.meta.TableDefinition;
import org.jooq.meta.clickhouse.ClickHouseDatabase;
import org.jooq.tools.JooqLogger;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.jooq.impl.DSL.inline;
import static org.jooq.meta.clickhouse.system.System.SYSTEM;

/**
 * jOOQ's {@link ClickHouseDatabase}, reading a ClickHouse database that it first creates and migrates: on first use it
 * opens a throwaway ClickHouse ({@link ThrowawayClickHouse}: chDB inside the build's JVM unless a server is named),
 * creates the database named by {@code <inputSchema>}, applies the migrations folder to it with the toolkit's engine,
 * and reads it through {@link ChdbJooq} (or JDBC); {@link #close()} drops the database and closes ClickHouse again.
 * Configured through {@code <properties>}:
 * <ul>
 *   <li>{@code migrations}: the folder of {@code NNN_<description>.sql} files, relative to the build's basedir
 *       (required);</li>
 *   <li>{@code url}: a ClickHouse server (JDBC URL) to create the throwaway database on instead of chDB; the system
 *       property {@code codegen.clickhouse.url} overrides it, with {@code codegen.clickhouse.user} and
 *       {@code codegen.clickhouse.password}.</li>
 * </ul>
 * Two things differ from jOOQ's reading: a ClickHouse primary key is the table's sorting key, not a unique key, so no
 * primary key is read (records are plain table records, not updatable ones); and materialized views are left out,
 * since their rows live in the table they write {@code TO}.
 */
public class MigratedClickHouseDatabase extends ClickHouseDatabase {

    private static final JooqLogger log = JooqLogger.getLogger(MigratedClickHouseDatabase.class);

    private ThrowawayClickHouse throwaway;

    private MigrationSource source() {
        String folder = getProperties().getProperty("migrations");
        if (folder == null || folder.isBlank()) {
            throw new IllegalArgumentException("set the database property 'migrations' to the ClickHouse migrations folder");
        }
        Path path = Path.of(folder);
        if (!path.isAbsolute() && getBasedir() != null) {
            path = Path.of(getBasedir()).resolve(path);
        }
        return MigrationSource.directory(path.normalize(), NamingScheme.CLICKHOUSE);
    }

    /** The database the migrations go to and jOOQ reads: the one {@code <inputSchema>}. */
    private String database() {
        List<String> schemata = getInputSchemata();
        if (schemata.size() != 1) {
            throw new IllegalArgumentException("name exactly one <inputSchema>, the ClickHouse database to migrate and read"
                    + " (got " + schemata + ")");
        }
        return schemata.get(0);
    }

    @Override
    protected DSLContext create0() {
        return ChdbJooq.using(this::provision, new Settings());
    }

    /** Opens ClickHouse and migrates the database, the first time only; a failure names the file, line and column. */
    private ClickHouse provision() {
        if (throwaway != null) {
            return throwaway.clickHouse();
        }
        long started = System.nanoTime();
        ThrowawayClickHouse opened = ThrowawayClickHouse.open(database(),
                System.getProperty("codegen.clickhouse.url", getProperties().getProperty("url")),
                System.getProperty("codegen.clickhouse.user", getProperties().getProperty("user", "default")),
                System.getProperty("codegen.clickhouse.password", getProperties().getProperty("password", "")));
        long provisioned = System.nanoTime();
        try {
            MigrateResult result = Migrator.configure()
                    .source(source())
                    .target(ClickHouseTarget.at(opened.clickHouse()).database(database()))
                    .progress(new Configuration.Progress() {
                        @Override
                        public void warning(String message) {
                            log.warn(message);
                        }
                    })
                    .load()
                    .migrate();
            log.info("Opened " + opened + " in " + (provisioned - started) / 1_000_000 + " ms, migrated it to version "
                    + result.finalVersion() + " in " + (System.nanoTime() - provisioned) / 1_000_000 + " ms");
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
        throwaway = opened;
        return opened.clickHouse();
    }

    /**
     * Migrates before jOOQ's first query (this one), so that a failing migration fails the run with the engine's own
     * {@code file:line:column} message rather than wrapped in the query that happened to open ClickHouse.
     */
    @Override
    protected List<SchemaDefinition> getSchemata0() throws SQLException {
        provision();
        return super.getSchemata0();
    }

    /** No primary keys: ClickHouse's {@code PRIMARY KEY} / {@code ORDER BY} sorts rows, it does not make them unique. */
    @Override
    protected void loadPrimaryKeys(DefaultRelations relations) {
    }

    @Override
    protected List<TableDefinition> getTables0() throws SQLException {
        Set<String> materializedViews = create().select(SYSTEM.TABLES.NAME).from(SYSTEM.TABLES)
                .where(SYSTEM.TABLES.DATABASE.in(getInputSchemata()))
                .and(SYSTEM.TABLES.ENGINE.eq(inline("MaterializedView")))
                .fetchSet(SYSTEM.TABLES.NAME);
        return super.getTables0().stream().filter(table -> !materializedViews.contains(table.getName()))
                .collect(Collectors.toList());
    }

    @Override
    public void close() {
        try {
            super.close();
        } finally {
            if (throwaway != null) {
                throwaway.close();
                throwaway = null;
            }
        }
    }
}
