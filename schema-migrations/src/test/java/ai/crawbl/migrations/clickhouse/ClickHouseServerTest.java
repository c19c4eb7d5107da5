package ai.crawbl.migrations.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A server's address and login, and that its password is never printed. */
class ClickHouseServerTest {

    @Test
    void toStringShowsUrlAndUserButMasksThePassword() {
        ClickHouseServer server = new ClickHouseServer("jdbc:clickhouse://ch.internal:8123/analytics", "migrator", "s3cret");

        assertEquals("ClickHouseServer[jdbc:clickhouse://ch.internal:8123/analytics, user=migrator, password=****]",
                server.toString());
    }

    @Test
    void passwordsInsideTheUrlAreMaskedToo() {
        ClickHouseServer inQuery = new ClickHouseServer(
                "jdbc:clickhouse://ch.internal:8123/analytics?user=migrator&password=hunter2&ssl=true", "", "");
        ClickHouseServer inUserInfo = new ClickHouseServer("jdbc:clickhouse://migrator:hunter2@ch.internal:8123/x", "", "");

        assertEquals("jdbc:clickhouse://ch.internal:8123/analytics?user=migrator&password=****&ssl=true",
                inQuery.maskedUrl());
        assertEquals("jdbc:clickhouse://migrator:****@ch.internal:8123/x", inUserInfo.maskedUrl());
        assertFalse(inQuery.toString().contains("hunter2"));
        assertFalse(inUserInfo.toString().contains("hunter2"));
    }

    @Test
    void theEnvironmentNamesUrlUserAndPassword() {
        ClickHouseServer server = ClickHouseServer.fromEnvironment(Map.of(
                "CRAWBL_CLICKHOUSE_URL", "jdbc:clickhouse://localhost:8123/default",
                "CRAWBL_CLICKHOUSE_USER", "migrator",
                "CRAWBL_CLICKHOUSE_PASSWORD", "s3cret"));

        assertEquals(new ClickHouseServer("jdbc:clickhouse://localhost:8123/default", "migrator", "s3cret"), server);
    }

    @Test
    void withoutAUrlTheMessageSaysWhichVariableToSet() {
        IllegalArgumentException missing =
                assertThrows(IllegalArgumentException.class, () -> ClickHouseServer.fromEnvironment(Map.of()));

        assertTrue(missing.getMessage().startsWith("CRAWBL_CLICKHOUSE_URL is not set"), missing.getMessage());
    }

    @Test
    void aUrlForAnotherDatabaseIsRejectedWithoutEchoingItsPassword() {
        IllegalArgumentException rejected = assertThrows(IllegalArgumentException.class,
                () -> new ClickHouseServer("jdbc:postgresql://db:5432/x?password=hunter2", "u", "hunter2"));

        assertTrue(rejected.getMessage().contains("not a ClickHouse JDBC URL"), rejected.getMessage());
        assertFalse(rejected.getMessage().contains("hunter2"), rejected.getMessage());
    }
}
