package ai.crawbl.migrations.clickhouse;

import ai.crawbl.migrations.testing.ClickHouseDatabase;
import ai.crawbl.migrations.testing.EmbeddedClickHouseExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** chDB in this JVM keeps the {@link ClickHouseContract}. */
@ExtendWith(EmbeddedClickHouseExtension.class)
class EmbeddedClickHouseContractTest extends ClickHouseContract {

    EmbeddedClickHouseContractTest(ClickHouseDatabase database) {
        super(database);
    }
}
