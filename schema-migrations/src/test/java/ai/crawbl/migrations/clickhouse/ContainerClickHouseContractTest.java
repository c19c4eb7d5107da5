package ai.crawbl.migrations.clickhouse;

import ai.crawbl.migrations.testing.ClickHouseDatabase;
import ai.crawbl.migrations.testing.ContainerClickHouseExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * A ClickHouse server in Docker, reached through {@link ExternalClickHouse}, keeps the {@link ClickHouseContract}.
 * Skipped where no Docker engine answers.
 */
@Testcontainers(disabledWithoutDocker = true)
@ExtendWith(ContainerClickHouseExtension.class)
class ContainerClickHouseContractTest extends ClickHouseContract {

    ContainerClickHouseContractTest(ClickHouseDatabase database) {
        super(database);
    }
}
