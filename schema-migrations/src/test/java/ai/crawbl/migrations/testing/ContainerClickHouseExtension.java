package ai.crawbl.migrations.testing;

import ai.crawbl.migrations.clickhouse.ContainerClickHouse;

/**
 * One {@link ContainerClickHouse} per test JVM, stopped when the run ends, and a fresh {@link ClickHouseDatabase}
 * on it for each test class. Pair it with {@code @Testcontainers(disabledWithoutDocker = true)} so that classes
 * using it skip where no Docker engine answers.
 */
public final class ContainerClickHouseExtension extends ClickHouseDatabaseExtension {

    @Override
    protected RunClickHouse openClickHouse() {
        ContainerClickHouse container = ContainerClickHouse.start();
        return new RunClickHouse(container.clickHouse(), container::close);
    }
}
