package ai.crawbl.migrations.cli;

import ai.crawbl.migrations.clickhouse.ClickHouse;
import ai.crawbl.migrations.clickhouse.ClickHouseConnection;
import ai.crawbl.migrations.drift.ClickHouseDriftCheck;
import ai.crawbl.migrations.drift.DriftReport;
import ai.crawbl.migrations.drift.PostgresDriftCheck.Scratch;
import ai.crawbl.migrations.source.NamingScheme;
import ai.crawbl.migrations.target.ClickHouseTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code schema-migrations clickhouse diff}: does the live ClickHouse database hold what its migrations say? Exit 0
 * when it does (or when no ClickHouse is configured, which is said), 1 on drift, 2 on bad usage.
 */
@Command(name = "diff", description = "Compare the ClickHouse database with a scratch one migrated to the version its history"
        + " records; exit 1 on drift. Reads only the live database.")
final class ClickHouseDiff implements Callable<Integer> {

    @ParentCommand
    ClickHouseCommand group;

    @Mixin
    ClickHouseOptions clickHouse;

    @Mixin
    DriftOptions drift;

    @Override
    public Integer call() {
        SchemaMigrationsCli cli = group.cli;
        ClickHouseOptions.Settings settings = clickHouse.over(group.clickHouse);
        Optional<ClickHouse> chosen = ClickHouseConnection.open(settings.clickhouse(), Path.of(".crawbl", "clickhouse"), cli.env, settings.timeouts());
        if (chosen.isEmpty()) {
            String reason = "ClickHouse is not configured (no --clickhouse, no CRAWBL_CLICKHOUSE_URL)";
            cli.err.println(reason + ": skipped");
            return cli.print(new SchemaMigrationsCli.Skipped(true, reason), () -> { });
        }
        try (ClickHouse live = chosen.get()) {
            DriftReport report = new ClickHouseDriftCheck(cli.source("clickhouse", NamingScheme.CLICKHOUSE, false),
                    ClickHouseTarget.at(live).database(settings.database()).cluster(settings.cluster()),
                    drift.scratch(Scratch.EMBEDDED), drift.ignoring(), drift.version()).run();
            cli.print(DriftText.Json.of(report), () -> DriftText.print(report, cli.out));
            return report.equal() ? 0 : 1;
        }
    }
}
