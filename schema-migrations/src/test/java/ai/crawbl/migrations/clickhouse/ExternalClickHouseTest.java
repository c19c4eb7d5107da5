package ai.crawbl.migrations.clickhouse;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a person is told when the ClickHouse server cannot be reached; needs no server. */
class ExternalClickHouseTest {

    @Test
    void anUnreachableServerIsNamedWithoutItsPassword() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ClickHouseServer server =
                new ClickHouseServer("jdbc:clickhouse://127.0.0.1:" + closedPort + "/default", "migrator", "s3cret");

        ClickHouseException failure = assertThrows(ClickHouseException.class,
                () -> assertTimeoutPreemptively(Duration.ofSeconds(30),
                        () -> ExternalClickHouse.connect(server).close()));

        assertTrue(failure.getMessage().startsWith("cannot connect to ClickHouse at jdbc:clickhouse://127.0.0.1:"
                + closedPort + "/default as migrator: "), failure.getMessage());
        assertTrue(failure.code().isEmpty(), "not an error of ClickHouse's");
        assertFalse(failure.getMessage().contains("s3cret"), failure.getMessage());
    }
}
