package ai.crawbl.migrations.drift;

import ai.crawbl.migrations.MigrationException;
import ai.crawbl.migrations.Migrator;
import ai.crawbl.migrations.postgres.EmbeddedPostgres;
import ai.crawbl.migrations.postgres.PostgresEndpoint;
import ai.crawbl.migrations.postgres.PostgresServer;
import ai.crawbl.migrations.source.Migration;
import ai.crawbl.migrations.source.MigrationSource;
import ai.crawbl.migrations.target.PostgresTarget;

import java.sql.Connection;
import java.sql.SQLException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Does a live PostgreSQL database hold what its migrations say? Reads the version its history records, migrates a
 * throwaway database to exactly that version with the same files, describes both ({@link PostgresCatalog}) and
 * compares them ({@link Drift}). The live database is only read: a role with USAGE on its schemas and SELECT on the
 * history table suffices.
 *
 * <pre>{@code
 * DriftReport report = PostgresDriftCheck.of(source, PostgresTarget.at(endpoint)).run();
 * if (!report.equal()) throw new IllegalStateException(String.join("\n", report.drift().lines()));
 * }</pre>
 *
 * @param source   the migrations the live database was migrated with
 * @param live     the live database, and the schema of its history
 * @param scratch  where the throwaway database is made
 * @param ignoring what is left out of the comparison
 * @param version  the version to compare at instead of the history's, or null
 */
public record PostgresDriftCheck(MigrationSource source, PostgresTarget.Options live, Scratch scratch, Ignoring ignoring,
                                 Integer version) {

    /** Where the throwaway database the migrations are applied to lives. */
    public enum Scratch {
        /** A throwaway embedded cluster on this machine (the default): nothing is written to the live server. */
        EMBEDDED,
        /** A scratch database on the live server, dropped afterwards: the same major version and extensions; needs CREATEDB. */
        SAME_SERVER,
        /**
         * A database on the live server kept between runs, named by a hash of the schema, the version and the files'
         * checksums, so a second check with the same files migrates nothing; older ones are dropped. For the toolkit's
         * own embedded cluster, never for a server of someone else's.
         */
        KEPT_ON_SERVER;

        /**
         * The default for a live database on {@code server}: a kept database beside it when the server is the toolkit's
         * own embedded cluster (already running, and ours to write to), else a throwaway embedded cluster.
         */
        public static Scratch defaultFor(PostgresServer server) {
            return server instanceof EmbeddedPostgres ? KEPT_ON_SERVER : EMBEDDED;
        }
    }

    public PostgresDriftCheck {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(scratch, "scratch");
        Objects.requireNonNull(ignoring, "ignoring");
    }

    /** A check of {@code live} against {@code source} in a throwaway embedded cluster, comparing everything. */
    public static PostgresDriftCheck of(MigrationSource source, PostgresTarget.Options live) {
        return new PostgresDriftCheck(source, live, Scratch.EMBEDDED, Ignoring.NOTHING, null);
    }

    public PostgresDriftCheck scratch(Scratch scratch) {
        return new PostgresDriftCheck(source, live, scratch, ignoring, version);
    }

    public PostgresDriftCheck ignoring(Ignoring ignoring) {
        return new PostgresDriftCheck(source, live, scratch, ignoring, version);
    }

    public PostgresDriftCheck version(Integer version) {
        return new PostgresDriftCheck(source, live, scratch, ignoring, version);
    }

    /**
     * Runs the check.
     *
     * @throws MigrationException when the live database cannot be reached or read, or its history names a version the
     *                            files do not have; the message names the database without its password
     */
    public DriftReport run() {
        long started = System.nanoTime();
        ExpectedVersion expected = ExpectedVersion.of(Migrator.configure().source(source).target(live).load().status(), version,
                source.location());
        long history = System.nanoTime();
        String liveName = live.description() != null ? live.description() : live.endpoint().toString();
        // The live database is described while the throwaway one is made: they are on different servers (or sessions).
        CompletableFuture<DatabaseSchema> liveSchema = CompletableFuture.supplyAsync(() -> describe(live.endpoint(), liveName));
        try (ExpectedDatabase throwaway = open(expected.version())) {
            long provisioned = System.nanoTime();
            if (expected.version() > 0 && !throwaway.migrated()) {
                Migrator.configure().source(source).target(PostgresTarget.at(throwaway.endpoint()).schema(live.schema())
                        .describedAs(throwaway.describe())).targetVersion(expected.version()).load().migrate();
                throwaway.migrationsApplied();
            }
            long migrated = System.nanoTime();
            DatabaseSchema wanted = describe(throwaway.endpoint(), throwaway.describe());
            DatabaseSchema found = join(liveSchema);
            long described = System.nanoTime();
            return new DriftReport(liveName, throwaway.describe(), expected.version(), expected.recorded(), Drift.between(found, wanted, ignoring),
                    expected.warnings(), new DriftReport.Phases(millis(started, history), millis(history, provisioned),
                    millis(provisioned, migrated), millis(migrated, described), millis(started, described)));
        } finally {
            liveSchema.cancel(false);
        }
    }

    private ExpectedDatabase open(int version) {
        return switch (scratch) {
            case EMBEDDED -> ExpectedDatabase.embedded();
            case SAME_SERVER -> ExpectedDatabase.sameServer(live.endpoint());
            case KEPT_ON_SERVER -> ExpectedDatabase.kept(live.endpoint(), key(version));
        };
    }

    /** What the expected database's content depends on: the schema of the history, the version, and those files. */
    private String key(int version) {
        StringBuilder text = new StringBuilder(live.schema()).append('|').append(version);
        source.load().stream().filter(migration -> migration.version() <= version)
                .forEach(migration -> text.append('|').append(migration.version()).append(':').append(migration.checksum()));
        return Migration.sha256(text.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    private static DatabaseSchema join(CompletableFuture<DatabaseSchema> schema) {
        try {
            return schema.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static DatabaseSchema describe(PostgresEndpoint endpoint, String name) {
        try (Connection connection = endpoint.connect()) {
            return PostgresCatalog.describe(connection, name);
        } catch (SQLException e) {
            throw new MigrationException("cannot read the catalog of " + name + ": " + endpoint.mask(e.getMessage()), e);
        }
    }
}
