package ai.crawbl.schema.clickhouse;

import ai.crawbl.migrations.clickhouse.ClickHouseServer;
import ai.crawbl.migrations.clickhouse.ExternalClickHouse;
import ai.crawbl.migrations.testing.ClickHouseDatabase;
import ai.crawbl.migrations.testing.ContainerClickHouseExtension;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The same generated classes on a ClickHouse server in Docker, through clickhouse-jdbc and jOOQ's own JDBC execution
 * (bind values, no adapter); skipped where no Docker engine answers.
 */
@Testcontainers(disabledWithoutDocker = true)
@ExtendWith(ContainerClickHouseExtension.class)
class LlmUsageOnClickHouseServerTest extends LlmUsageContract {

    LlmUsageOnClickHouseServerTest(ClickHouseDatabase database) throws SQLException {
        super(database, DSL.using(connect(database), SQLDialect.CLICKHOUSE, mappedTo(database)));
    }

    private static Connection connect(ClickHouseDatabase database) throws SQLException {
        ClickHouseServer server = ((ExternalClickHouse) database.clickHouse()).server();
        return DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
    }

    @AfterAll
    void close() throws SQLException {
        ctx().configuration().connectionProvider().acquire().close();
    }
}
