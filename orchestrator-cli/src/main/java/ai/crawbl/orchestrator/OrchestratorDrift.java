package ai.crawbl.orchestrator;

import ai.crawbl.migrations.clickhouse.ClickHouse;
import ai.crawbl.migrations.clickhouse.ClickHouseConnection;
import ai.crawbl.migrations.drift.ClickHouseDriftCheck;
import ai.crawbl.migrations.drift.DriftReport;
import ai.crawbl.migrations.drift.Ignoring;
import ai.crawbl.migrations.drift.PostgresDriftCheck;
import ai.crawbl.migrations.drift.PostgresDriftCheck.Scratch;
import ai.crawbl.migrations.postgres.PostgresConnection;
import ai.crawbl.migrations.source.MigrationSource;
import ai.crawbl.migrations.source.NamingScheme;
import ai.crawbl.migrations.target.ClickHouseTarget;
import ai.crawbl.migrations.target.PostgresTarget;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Drift of the orchestrator's two databases: PostgreSQL, then ClickHouse (when there is one, by the same rules as
 * {@code migrate}), each compared with a throwaway database migrated to the version its history records.
 *
 * @param databases which databases and migrations are meant
 * @param scratch   where PostgreSQL's throwaway database lives, or null for {@link Scratch#defaultFor the default};
 *                  ClickHouse's scratch database lives beside an embedded live one, else in an in-memory chDB unless
 *                  this says {@link Scratch#SAME_SERVER}
 * @param ignoring  what both checks leave out
 * @param version   the version to compare PostgreSQL at instead of its history's, or null
 */
record OrchestratorDrift(OrchestratorDatabases databases, Scratch scratch, Ignoring ignoring, Integer version) {

    /**
     * Both reports; {@code clickHouse} is null when no ClickHouse is configured, and {@code clickHouseSkipped} then says
     * why.
     */
    record Result(DriftReport postgres, DriftReport clickHouse, String clickHouseSkipped) {
        boolean equal() {
            return postgres.equal() && (clickHouse == null || clickHouse.equal());
        }
    }

    Result check() {
        boolean postgresEmbedded = PostgresConnection.external(databases.url(), databases.env()).isEmpty();
        DriftReport postgres;
        try (PostgresConnection connection = PostgresConnection.open(databases.url(), databases.embeddedData(), databases.env(), databases.extensions())) {
            PostgresTarget.Options live = PostgresTarget.at(connection.endpoint()).describedAs(connection.describe());
            postgres = new PostgresDriftCheck(source("orchestrator", NamingScheme.POSTGRES), live,
                    scratch != null ? scratch : Scratch.defaultFor(connection.server()), ignoring, version).run();
        }
        Optional<ClickHouseConnection.Choice> choice = databases.clickHouseChoice(postgresEmbedded).get();
        if (choice.isEmpty()) {
            return new Result(postgres, null, "ClickHouse is not configured (no --clickhouse, no CRAWBL_CLICKHOUSE_URL)");
        }
        try (ClickHouse clickHouse = choice.get().open()) {
            DriftReport report = new ClickHouseDriftCheck(source("clickhouse", NamingScheme.CLICKHOUSE),
                    ClickHouseTarget.at(clickHouse).database(OrchestratorDatabases.CLICKHOUSE_DATABASE),
                    scratch != null ? scratch : Scratch.EMBEDDED, ignoring, null).run();
            return new Result(postgres, report, null);
        }
    }

    /**
     * For {@code migrate --check-drift}: throws, naming every difference, when a database with a migration history has
     * drifted from its migrations; a database with none has nothing to drift from.
     */
    void refuseIfDrifted() {
        Result result = check();
        List<String> lines = new ArrayList<>();
        for (DriftReport report : java.util.Arrays.asList(result.postgres(), result.clickHouse())) {
            if (report != null && report.recorded()) {
                lines.addAll(report.drift().lines());
            }
        }
        if (!lines.isEmpty()) {
            throw new IllegalStateException("refusing to migrate: the databases have drifted from their migrations:\n  "
                    + String.join("\n  ", lines) + "\nNothing was changed. Undo those changes by hand, or write a migration that makes"
                    + " them, then migrate again; 'diff' shows them, and its --ignore options leave out what is meant to differ.");
        }
    }

    private MigrationSource source(String folder, NamingScheme scheme) {
        return databases.migrations() == null ? MigrationSource.packaged(scheme)
                : MigrationSource.directory(databases.migrations().resolve(folder), scheme);
    }
}
