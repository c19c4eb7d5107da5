package ai.crawbl.migrations.clickhouse;

import ai.crawbl.migrations.testing.ClickHouseDatabase;
import ai.crawbl.migrations.testing.EmbeddedClickHouseExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** The engine on chDB in this JVM keeps the {@link ClickHouseMigrationContract}. */
@ExtendWith(EmbeddedClickHouseExtension.class)
class EmbeddedClickHouseMigrationTest extends ClickHouseMigrationContract {

    EmbeddedClickHouseMigrationTest(ClickHouseDatabase database) {
        super(database);
    }
}
