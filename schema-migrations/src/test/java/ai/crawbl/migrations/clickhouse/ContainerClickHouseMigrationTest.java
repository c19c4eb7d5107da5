package ai.crawbl.migrations.clickhouse;

import ai.crawbl.migrations.testing.ClickHouseDatabase;
import ai.crawbl.migrations.testing.ContainerClickHouseExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The engine on a ClickHouse server in Docker keeps the {@link ClickHouseMigrationContract}; skipped without Docker. */
@Testcontainers(disabledWithoutDocker = true)
@ExtendWith(ContainerClickHouseExtension.class)
class ContainerClickHouseMigrationTest extends ClickHouseMigrationContract {

    ContainerClickHouseMigrationTest(ClickHouseDatabase database) {
        super(database);
    }
}
