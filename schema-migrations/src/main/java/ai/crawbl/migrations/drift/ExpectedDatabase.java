package ai.crawbl.migrations.drift;

import ai.crawbl.migrations.MigrationException;
import ai.crawbl.migrations.postgres.EmbeddedPostgres;
import ai.crawbl.migrations.postgres.Identifiers;
import ai.crawbl.migrations.postgres.PostgresEndpoint;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The PostgreSQL database a drift check applies the migrations to; closing it removes what is not meant to be kept. */
interface ExpectedDatabase extends AutoCloseable {

    /** The prefix of the databases {@link #kept} leaves on the toolkit's own cluster. */
    String KEPT_PREFIX = "crawbl_expected_";

    PostgresEndpoint endpoint();

    /** Where it is, for the report. */
    String describe();

    /** True when it already holds the migrations (a kept database from an earlier run). */
    default boolean migrated() {
        return false;
    }

    /** Told once the migrations are applied. */
    default void migrationsApplied() {
    }

    @Override
    void close();

    /** A throwaway embedded cluster, started from the /dev/shm copy of an initialised one; stopped and deleted on close. */
    static ExpectedDatabase embedded() {
        EmbeddedPostgres server = EmbeddedPostgres.throwaway().start();
        return new ExpectedDatabase() {
            @Override
            public PostgresEndpoint endpoint() {
                return server.endpoint();
            }

            @Override
            public String describe() {
                return "throwaway embedded PostgreSQL " + server.majorVersion();
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }

    /** A new database on the live server, dropped on close. */
    static ExpectedDatabase sameServer(PostgresEndpoint live) {
        String name = scratchName("crawbl_drift_");
        execute(live, "CREATE DATABASE " + Identifiers.quote(name), "create the scratch database " + name);
        return new ExpectedDatabase() {
            @Override
            public PostgresEndpoint endpoint() {
                return live.withDatabase(name);
            }

            @Override
            public String describe() {
                return "scratch database " + name + " on the live server";
            }

            @Override
            public void close() {
                execute(live, "DROP DATABASE IF EXISTS " + Identifiers.quote(name) + " WITH (FORCE)", "drop the scratch database " + name);
            }
        };
    }

    /**
     * The database {@value #KEPT_PREFIX}{@code key} on the live server: used as it is when an earlier run left it, else
     * built under another name and renamed once migrated (so a half-migrated one is never used), replacing older ones.
     */
    static ExpectedDatabase kept(PostgresEndpoint live, String key) {
        String name = KEPT_PREFIX + key;
        if (exists(live, name)) {
            return keptAs(live, name, name, true);
        }
        String building = scratchName("crawbl_building_");
        execute(live, "CREATE DATABASE " + Identifiers.quote(building), "create the scratch database " + building);
        return keptAs(live, name, building, false);
    }

    private static ExpectedDatabase keptAs(PostgresEndpoint live, String name, String current, boolean ready) {
        return new ExpectedDatabase() {
            private String database = current;
            private boolean done = ready;

            @Override
            public PostgresEndpoint endpoint() {
                return live.withDatabase(database);
            }

            @Override
            public String describe() {
                return "database " + name + " on the live server, kept for the next diff";
            }

            @Override
            public boolean migrated() {
                return done;
            }

            @Override
            public void migrationsApplied() {
                done = true;
                try {
                    execute(live, "ALTER DATABASE " + Identifiers.quote(database) + " RENAME TO " + Identifiers.quote(name), "keep " + name);
                    database = name;
                    dropAllBut(live, name);
                } catch (MigrationException raced) {
                    // Another run kept the same database first: this one is used now, and dropped on close.
                }
            }

            @Override
            public void close() {
                if (!database.equals(name)) {
                    execute(live, "DROP DATABASE IF EXISTS " + Identifiers.quote(database) + " WITH (FORCE)", "drop " + database);
                }
            }
        };
    }

    /** Drops the kept databases of other files or versions; one in use by another run stays until a later run. */
    private static void dropAllBut(PostgresEndpoint live, String name) {
        List<String> older = new ArrayList<>();
        try (Connection connection = live.connect(); PreparedStatement query = connection.prepareStatement(
                "SELECT datname FROM pg_database WHERE datname LIKE ? AND datname <> ?")) {
            query.setString(1, KEPT_PREFIX + "%");
            query.setString(2, name);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    older.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            return;
        }
        for (String each : older) {
            try {
                execute(live, "DROP DATABASE IF EXISTS " + Identifiers.quote(each), "drop " + each);
            } catch (MigrationException inUse) {
                // left for a later run
            }
        }
    }

    private static boolean exists(PostgresEndpoint live, String name) {
        try (Connection connection = live.connect();
             PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new MigrationException("cannot list the databases of " + live + ": " + live.mask(e.getMessage()), e);
        }
    }

    private static String scratchName(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static void execute(PostgresEndpoint live, String sql, String what) {
        try (Connection connection = live.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new MigrationException("cannot " + what + " on " + live + " (a scratch database on the live server needs CREATEDB): "
                    + live.mask(e.getMessage()), e);
        }
    }
}
