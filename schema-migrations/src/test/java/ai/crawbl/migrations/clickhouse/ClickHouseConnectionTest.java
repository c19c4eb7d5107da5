package ai.crawbl.migrations.clickhouse;

import ai.crawbl.migrations.clickhouse.ClickHouseConnection.Choice;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which ClickHouse the toolkit's commands use: an explicit choice, else CRAWBL_CLICKHOUSE_URL, else none. */
class ClickHouseConnectionTest {

    private static final Path DEFAULT = Path.of("/srv/checkout/.crawbl/clickhouse");
    private static final Map<String, String> CREDENTIALS = Map.of("CRAWBL_CLICKHOUSE_USER", "analyst",
            "CRAWBL_CLICKHOUSE_PASSWORD", "hunter2");

    @Test
    void nothingNamedMeansNoClickHouse() {
        assertEquals(Optional.empty(), ClickHouseConnection.choose(null, DEFAULT, Map.of()));
        assertEquals(Optional.empty(), ClickHouseConnection.choose(" ", DEFAULT, CREDENTIALS));
        assertEquals(Optional.empty(), ClickHouseConnection.open(null, DEFAULT, Map.of()));
    }

    @Test
    void anExplicitUrlIsEnoughAndLogsInWithTheCredentialsFromTheEnvironment() {
        String url = "jdbc:clickhouse://analytics:8123/default";
        assertEquals(Optional.of(new Choice.Server(new ClickHouseServer(url, "", ""))),
                ClickHouseConnection.choose(url, DEFAULT, Map.of()), "no CRAWBL_CLICKHOUSE_URL needed");
        assertEquals(Optional.of(new Choice.Server(new ClickHouseServer(url, "analyst", "hunter2"))),
                ClickHouseConnection.choose(url, DEFAULT, CREDENTIALS));
    }

    @Test
    void anExplicitChoiceWinsOverTheEnvironmentsUrl() {
        Map<String, String> env = Map.of("CRAWBL_CLICKHOUSE_URL", "jdbc:clickhouse://from-env:8123/default");
        assertEquals(Optional.of(new Choice.Embedded(DEFAULT)), ClickHouseConnection.choose("embedded", DEFAULT, env));
        assertEquals(Optional.of(new Choice.Server(new ClickHouseServer("jdbc:clickhouse://from-env:8123/default", "", ""))),
                ClickHouseConnection.choose(null, DEFAULT, env));
    }

    @Test
    void embeddedTakesTheDefaultFolderOrTheOneAfterTheColon() {
        assertEquals(Optional.of(new Choice.Embedded(DEFAULT)), ClickHouseConnection.choose("embedded", DEFAULT, Map.of()));
        assertEquals(Optional.of(new Choice.Embedded(Path.of("data/ch").toAbsolutePath())),
                ClickHouseConnection.choose("embedded:data/ch", DEFAULT, Map.of()));
        assertEquals(Optional.of(new Choice.Embedded(Path.of(".crawbl", "clickhouse").toAbsolutePath())),
                ClickHouseConnection.choose("embedded", null, Map.of()));
        IllegalArgumentException noFolder = assertThrows(IllegalArgumentException.class,
                () -> ClickHouseConnection.choose("embedded:", DEFAULT, Map.of()));
        assertTrue(noFolder.getMessage().contains("embedded:.crawbl/clickhouse"), noFolder.getMessage());
    }

    @Test
    void anythingElseIsRefusedWithWhatIsExpectedAndWithoutThePassword() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ClickHouseConnection.choose("http://analyst:hunter2@analytics:8123", DEFAULT, CREDENTIALS));
        assertTrue(refused.getMessage().startsWith("not a ClickHouse choice: http://analyst:***@analytics:8123; expected embedded, "
                + "embedded:PATH or a server's JDBC URL"), refused.getMessage());
        assertFalse(refused.getMessage().contains("hunter2"), refused.getMessage());
    }

    @Test
    void anUnreachableServerIsNamedByItsUrlAndUserWithoutThePassword() {
        ClickHouseException unreachable = assertThrows(ClickHouseException.class,
                () -> ClickHouseConnection.open("jdbc:clickhouse://127.0.0.1:1/default", DEFAULT, CREDENTIALS));
        assertTrue(unreachable.getMessage().startsWith("cannot connect to ClickHouse at jdbc:clickhouse://127.0.0.1:1/default as analyst"),
                unreachable.getMessage());
        assertFalse(unreachable.getMessage().contains("hunter2"), unreachable.getMessage());
    }
}
