package ai.crawbl.migrations.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where libchdb.so is looked for, and what a person is told when it is not there. */
class ChdbLibraryTest {

    @Test
    void withNothingConfiguredTheMessageIsOneLineNamingTheVariableAndTheSetupScript() {
        ClickHouseException missing = assertThrows(ClickHouseException.class, () -> ChdbLibrary.locate(null, Map.of()));

        assertFalse(missing.getMessage().contains("\n"), missing.getMessage());
        assertTrue(missing.getMessage().contains("CRAWBL_CHDB_LIB"), missing.getMessage());
        assertTrue(missing.getMessage().contains("-Dcrawbl.chdb.lib"), missing.getMessage());
        assertTrue(missing.getMessage().contains("scripts/setup installs it"), missing.getMessage());
    }

    @Test
    void aConfiguredPathThatIsNotAFileIsNamed(@TempDir Path temporary) {
        Path absent = temporary.resolve("libchdb.so");

        ClickHouseException missing = assertThrows(ClickHouseException.class,
                () -> ChdbLibrary.locate(null, Map.of("CRAWBL_CHDB_LIB", absent.toString())));

        assertTrue(missing.getMessage().startsWith("CRAWBL_CHDB_LIB names " + absent), missing.getMessage());
        assertTrue(missing.getMessage().contains("scripts/setup"), missing.getMessage());
    }

    @Test
    void theSystemPropertyWinsOverTheEnvironment(@TempDir Path temporary) throws IOException {
        Path fromProperty = Files.createFile(temporary.resolve("from-property.so"));
        Path fromEnvironment = Files.createFile(temporary.resolve("from-environment.so"));

        assertEquals(fromProperty,
                ChdbLibrary.locate(fromProperty.toString(), Map.of("CRAWBL_CHDB_LIB", fromEnvironment.toString())));
        assertEquals(fromEnvironment,
                ChdbLibrary.locate(" ", Map.of("CRAWBL_CHDB_LIB", fromEnvironment.toString())));
    }
}
