package ai.crawbl.migrations.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where libchdb.so is looked for, and what a person is told when it is not there. */
class ChdbLibraryTest {

    /** The chDB version scripts/setup installs, read from the script itself. */
    private static String setupVersion() throws IOException {
        Matcher pinned = Pattern.compile("(?m)^CHDB_VERSION=(\\S+)$").matcher(Files.readString(Path.of("..", "scripts", "setup")));
        assertTrue(pinned.find(), "scripts/setup pins CHDB_VERSION");
        return pinned.group(1);
    }

    /** Puts a libchdb.so where scripts/setup caches it, marked verified or not. */
    private static Path cached(Path cacheRoot, String version, boolean verified) throws IOException {
        Path folder = Files.createDirectories(cacheRoot.resolve("chdb").resolve(version));
        if (verified) {
            Files.writeString(folder.resolve(".verified"), "sha512-...");
        }
        return Files.createFile(folder.resolve("libchdb.so"));
    }

    @Test
    void thePinnedVersionIsTheOneScriptsSetupInstalls() throws IOException {
        assertEquals(setupVersion(), ChdbLibrary.PINNED_VERSION);
    }

    @Test
    void withNothingConfiguredOrCachedTheMessageIsOneLineNamingWhereItLookedAndTheCommandToRun(@TempDir Path home) throws IOException {
        ClickHouseException missing = assertThrows(ClickHouseException.class,
                () -> ChdbLibrary.locate(null, Map.of("HOME", home.toString())));

        String expectedCache = home.resolve(".cache/crawbl/chdb").resolve(setupVersion()).resolve("libchdb.so").toString();
        assertFalse(missing.getMessage().contains("\n"), missing.getMessage());
        assertTrue(missing.getMessage().contains("CRAWBL_CHDB_LIB"), missing.getMessage());
        assertTrue(missing.getMessage().contains("-Dcrawbl.chdb.lib"), missing.getMessage());
        assertTrue(missing.getMessage().contains(expectedCache), missing.getMessage());
        assertTrue(missing.getMessage().endsWith("run ./crawbl setup"), missing.getMessage());
    }

    @Test
    void theSetupScriptsCacheIsUsedWhenNoVariableNamesALibrary(@TempDir Path temporary) throws IOException {
        String version = setupVersion();
        Path underCrawblCache = cached(temporary.resolve("crawbl-cache"), version, true);
        Path underXdg = cached(temporary.resolve("xdg").resolve("crawbl"), version, true);
        Path underHome = cached(temporary.resolve("home").resolve(".cache").resolve("crawbl"), version, true);
        Map<String, String> all = Map.of("CRAWBL_CACHE", temporary.resolve("crawbl-cache").toString(),
                "XDG_CACHE_HOME", temporary.resolve("xdg").toString(), "HOME", temporary.resolve("home").toString());

        assertEquals(underCrawblCache, ChdbLibrary.locate(null, all));
        assertEquals(underXdg, ChdbLibrary.locate(null, Map.of("XDG_CACHE_HOME", all.get("XDG_CACHE_HOME"), "HOME", all.get("HOME"))));
        assertEquals(underHome, ChdbLibrary.locate(null, Map.of("HOME", all.get("HOME"))));
    }

    @Test
    void aVariableWinsOverTheCache(@TempDir Path temporary) throws IOException {
        cached(temporary.resolve("cache"), setupVersion(), true);
        Path named = Files.createFile(temporary.resolve("named.so"));

        assertEquals(named, ChdbLibrary.locate(null,
                Map.of("CRAWBL_CHDB_LIB", named.toString(), "CRAWBL_CACHE", temporary.resolve("cache").toString())));
    }

    @Test
    void onlyAVerifiedCopyOfThePinnedVersionIsTakenFromTheCache(@TempDir Path temporary) throws IOException {
        Path cache = temporary.resolve("cache");
        cached(cache, setupVersion(), false);
        cached(cache, "99.9.9", true);

        ClickHouseException missing = assertThrows(ClickHouseException.class,
                () -> ChdbLibrary.locate(null, Map.of("CRAWBL_CACHE", cache.toString())));
        assertTrue(missing.getMessage().contains("libchdb.so " + setupVersion()), missing.getMessage());
        assertTrue(missing.getMessage().endsWith("run ./crawbl setup"), missing.getMessage());
    }

    @Test
    void aConfiguredPathThatIsNotAFileIsNamed(@TempDir Path temporary) {
        Path absent = temporary.resolve("libchdb.so");

        ClickHouseException missing = assertThrows(ClickHouseException.class,
                () -> ChdbLibrary.locate(null, Map.of("CRAWBL_CHDB_LIB", absent.toString())));

        assertTrue(missing.getMessage().startsWith("CRAWBL_CHDB_LIB names " + absent), missing.getMessage());
        assertTrue(missing.getMessage().contains("./crawbl setup"), missing.getMessage());
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
