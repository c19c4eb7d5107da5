package ai.crawbl.schema.clickhouse;

import ai.crawbl.clickhouse.jooq.ChdbJooq;
import ai.crawbl.migrations.testing.ClickHouseDatabase;
import ai.crawbl.migrations.testing.EmbeddedClickHouseExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** The generated classes on embedded ClickHouse (chDB in this JVM), through {@link ChdbJooq}. */
@ExtendWith(EmbeddedClickHouseExtension.class)
class LlmUsageOnEmbeddedClickHouseTest extends LlmUsageContract {

    LlmUsageOnEmbeddedClickHouseTest(ClickHouseDatabase database) {
        super(database, ChdbJooq.using(database.clickHouse(), mappedTo(database)));
    }
}
