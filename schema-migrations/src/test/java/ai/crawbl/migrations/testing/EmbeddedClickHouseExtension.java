package ai.crawbl.migrations.testing;

import ai.crawbl.migrations.clickhouse.EmbeddedClickHouse;

/**
 * One in-memory {@link EmbeddedClickHouse} per test JVM, closed when the run ends, and a fresh
 * {@link ClickHouseDatabase} on it for each test class: {@code @ExtendWith(EmbeddedClickHouseExtension.class)}.
 */
public final class EmbeddedClickHouseExtension extends ClickHouseDatabaseExtension {

    @Override
    protected RunClickHouse openClickHouse() {
        EmbeddedClickHouse clickHouse = EmbeddedClickHouse.openInMemory();
        return new RunClickHouse(clickHouse, clickHouse::close);
    }
}
