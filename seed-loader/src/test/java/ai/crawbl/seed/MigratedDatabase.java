package ai.crawbl.seed;

import ai.crawbl.migrations.Migrator;
import ai.crawbl.migrations.source.MigrationSource;
import ai.crawbl.migrations.source.NamingScheme;
import ai.crawbl.migrations.target.PostgresTarget;
import ai.crawbl.migrations.testing.PostgresDatabase;

import java.sql.SQLException;
import java.util.List;

/** Test databases migrated by the engine with the project's migrations, and what a test compares in them. */
final class MigratedDatabase {

    private MigratedDatabase() {
    }

    /** Applies the project's migrations (up to {@code version}) to {@code database} and returns it. */
    static PostgresDatabase migrate(PostgresDatabase database, int version) {
        Migrator.configure()
                .source(MigrationSource.packaged(NamingScheme.POSTGRES))
                .target(PostgresTarget.at(database.endpoint()))
                .targetVersion(version)
                .load().migrate();
        return database;
    }

    static PostgresDatabase migrate(PostgresDatabase database) {
        return migrate(database, Integer.MAX_VALUE);
    }

    /**
     * Every catalog row with its row version ({@code xmin}) and physical place ({@code ctid}): equal snapshots
     * mean nothing was written, not even an identical value.
     */
    static List<List<String>> catalogRows(PostgresDatabase database) throws SQLException {
        return database.query("""
                SELECT 'tools', xmin::text, ctid::text, t::text FROM orchestrator.tools t
                UNION ALL SELECT 'models', xmin::text, ctid::text, m::text FROM orchestrator.models m
                UNION ALL SELECT 'usage_plans', xmin::text, ctid::text, p::text FROM orchestrator.usage_plans p
                ORDER BY 1, 4""");
    }
}
