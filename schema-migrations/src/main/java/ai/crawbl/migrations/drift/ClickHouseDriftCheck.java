package ai.crawbl.migrations.drift;

import ai.crawbl.migrations.Migrator;
import ai.crawbl.migrations.clickhouse.ClickHouse;
import ai.crawbl.migrations.clickhouse.EmbeddedClickHouse;
import ai.crawbl.migrations.source.MigrationSource;
import ai.crawbl.migrations.target.ClickHouseTarget;

import java.util.Objects;
import java.util.UUID;

/**
 * Does a live ClickHouse database hold what its migrations say? Reads the version its history records, migrates a
 * scratch database to that version with the same files, describes both ({@link ClickHouseCatalog}), compares them and
 * drops the scratch database. The scratch database lives beside the live one when that is embedded (chDB holds one
 * storage per process, so databases are the unit of isolation there), else in an in-memory chDB, or, when asked, on
 * the live server.
 *
 * @param source   the migrations the live database was migrated with
 * @param live     the live ClickHouse and database (not closed by the check)
 * @param scratch  where the scratch database is made when the live ClickHouse is a server
 * @param ignoring what is left out of the comparison
 * @param version  the version to compare at instead of the history's, or null
 */
public record ClickHouseDriftCheck(MigrationSource source, ClickHouseTarget.Options live, PostgresDriftCheck.Scratch scratch,
                                   Ignoring ignoring, Integer version) {

    public ClickHouseDriftCheck {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(scratch, "scratch");
        Objects.requireNonNull(ignoring, "ignoring");
    }

    /** A check of {@code live} against {@code source}, comparing everything. */
    public static ClickHouseDriftCheck of(MigrationSource source, ClickHouseTarget.Options live) {
        return new ClickHouseDriftCheck(source, live, PostgresDriftCheck.Scratch.EMBEDDED, Ignoring.NOTHING, null);
    }

    public ClickHouseDriftCheck scratch(PostgresDriftCheck.Scratch scratch) {
        return new ClickHouseDriftCheck(source, live, scratch, ignoring, version);
    }

    public ClickHouseDriftCheck ignoring(Ignoring ignoring) {
        return new ClickHouseDriftCheck(source, live, scratch, ignoring, version);
    }

    public ClickHouseDriftCheck version(Integer version) {
        return new ClickHouseDriftCheck(source, live, scratch, ignoring, version);
    }

    /** Runs the check; a ClickHouse that cannot be reached, or a history naming a version the files lack, throws. */
    public DriftReport run() {
        long started = System.nanoTime();
        ExpectedVersion expected = ExpectedVersion.of(Migrator.configure().source(source).target(live).load().status(), version,
                source.location());
        long history = System.nanoTime();
        String liveName = live.clickHouse().describe() + " database " + live.database();
        boolean beside = live.clickHouse() instanceof EmbeddedClickHouse || scratch == PostgresDriftCheck.Scratch.SAME_SERVER;
        ClickHouse host = beside ? live.clickHouse() : EmbeddedClickHouse.openInMemory();
        String database = "crawbl_drift_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String expectedName = (beside ? "scratch database " + database + " beside the live one" : "in-memory embedded ClickHouse");
        try {
            host.execute("CREATE DATABASE " + database);
            long provisioned = System.nanoTime();
            if (expected.version() > 0) {
                Migrator.configure().source(source).target(ClickHouseTarget.at(host).database(database).cluster(live.cluster()))
                        .targetVersion(expected.version()).load().migrate();
            }
            long migrated = System.nanoTime();
            DatabaseSchema found = ClickHouseCatalog.describe(live.clickHouse(), live.database(), liveName);
            DatabaseSchema wanted = ClickHouseCatalog.describe(host, database, expectedName);
            long described = System.nanoTime();
            return new DriftReport(liveName, expectedName, expected.version(), expected.recorded(), Drift.between(found, wanted, ignoring), expected.warnings(),
                    new DriftReport.Phases(millis(started, history), millis(history, provisioned), millis(provisioned, migrated),
                            millis(migrated, described), millis(started, described)));
        } finally {
            try {
                host.execute("DROP DATABASE IF EXISTS " + database);
            } finally {
                if (!beside) {
                    host.close();
                }
            }
        }
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
