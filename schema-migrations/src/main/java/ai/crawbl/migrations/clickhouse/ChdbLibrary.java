package ai.crawbl.migrations.clickhouse;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The part of chDB's C API ({@code chdb.h}) this package calls, bound through JNA. Handles are opaque
 * pointers: {@code chdb_connect} returns a {@code chdb_connection *}; queries take the {@code chdb_connection}
 * it points to. {@code size_t} is bound as {@link NativeLong}, which has its width on the LP64 platforms chDB
 * ships for (Linux, macOS).
 */
interface ChdbLibrary extends Library {

    /** Environment variable naming libchdb.so; {@code scripts/setup --print-env} prints it. */
    String ENVIRONMENT_VARIABLE = "CRAWBL_CHDB_LIB";

    /** System property naming libchdb.so; it wins over the environment variable. */
    String SYSTEM_PROPERTY = "crawbl.chdb.lib";

    /** {@code void chdb_set_signal_handlers_enabled(int enabled)}; absent from chDB releases before 26.3. */
    void chdb_set_signal_handlers_enabled(int enabled);

    /** {@code chdb_connection * chdb_connect(int argc, char ** argv)}; NULL on failure. */
    Pointer chdb_connect(int argc, String[] argv);

    /** {@code void chdb_close_conn(chdb_connection * conn)}. */
    void chdb_close_conn(Pointer connectionHandle);

    /** {@code chdb_result * chdb_query_n(chdb_connection conn, const char * query, size_t query_len, const char * format, size_t format_len)}. */
    Pointer chdb_query_n(Pointer connection, byte[] query, NativeLong queryLength, byte[] format, NativeLong formatLength);

    /** {@code char * chdb_result_buffer(chdb_result * result)}. */
    Pointer chdb_result_buffer(Pointer result);

    /** {@code size_t chdb_result_length(chdb_result * result)}. */
    NativeLong chdb_result_length(Pointer result);

    /** {@code const char * chdb_result_error(chdb_result * result)}; NULL when the query succeeded. */
    Pointer chdb_result_error(Pointer result);

    /** {@code void chdb_destroy_query_result(chdb_result * result)}. */
    void chdb_destroy_query_result(Pointer result);

    /**
     * The chDB release this toolkit runs, the one {@code scripts/setup} installs: the JNA binding above and the
     * provider's workarounds (signal handlers off, {@code DROP ... SYNC} refused) were measured on it, so a cached copy
     * of any other release is not used (a test keeps this equal to the script's {@code CHDB_VERSION}).
     */
    String PINNED_VERSION = "26.5.3";

    /** What a person runs to install a verified libchdb.so. */
    String SETUP_COMMAND = "./crawbl setup";

    /** Loads the library found by {@link #locate}. */
    static ChdbLibrary load(Path library) {
        try {
            return Native.load(library.toString(), ChdbLibrary.class);
        } catch (UnsatisfiedLinkError e) {
            throw ClickHouseException.unavailable(
                    "cannot load chDB from " + library + ": " + e.getMessage()
                            + "; to install a verified libchdb.so, run " + SETUP_COMMAND, e);
        }
    }

    /**
     * Where libchdb.so is: the system property {@value #SYSTEM_PROPERTY}, else the environment variable
     * {@value #ENVIRONMENT_VARIABLE}, else the verified copy of {@value #PINNED_VERSION} that {@code scripts/setup}
     * keeps in its cache ({@code ${CRAWBL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/crawbl}/chdb/<version>/}, with a
     * {@code .verified} file beside it). Fails with one line naming where it looked and what to run.
     */
    static Path locate(String systemProperty, Map<String, String> environment) {
        String configured = systemProperty;
        String source = "-D" + SYSTEM_PROPERTY;
        if (configured == null || configured.isBlank()) {
            configured = environment.get(ENVIRONMENT_VARIABLE);
            source = ENVIRONMENT_VARIABLE;
        }
        if (configured != null && !configured.isBlank()) {
            Path library = Path.of(configured);
            if (!Files.isRegularFile(library)) {
                throw ClickHouseException.unavailable(source + " names " + library
                        + ", which is not a file; name libchdb.so there, or unset it and run " + SETUP_COMMAND, null);
            }
            return library;
        }
        Optional<Path> cached = cacheRoot(environment).map(root -> root.resolve("chdb").resolve(PINNED_VERSION));
        if (cached.isPresent() && Files.isRegularFile(cached.get().resolve(".verified"))
                && Files.isRegularFile(cached.get().resolve("libchdb.so"))) {
            return cached.get().resolve("libchdb.so");
        }
        throw ClickHouseException.unavailable("embedded ClickHouse needs chDB's libchdb.so " + PINNED_VERSION
                + ", but neither " + ENVIRONMENT_VARIABLE + " nor -D" + SYSTEM_PROPERTY + " names one"
                + cached.map(folder -> " and there is no verified copy at " + folder.resolve("libchdb.so")).orElse("")
                + "; run " + SETUP_COMMAND, null);
    }

    /** scripts/setup's cache: {@code CRAWBL_CACHE}, else {@code XDG_CACHE_HOME/crawbl}, else {@code HOME/.cache/crawbl}. */
    private static Optional<Path> cacheRoot(Map<String, String> environment) {
        String crawblCache = environment.get("CRAWBL_CACHE");
        if (crawblCache != null && !crawblCache.isBlank()) {
            return Optional.of(Path.of(crawblCache));
        }
        String xdg = environment.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Optional.of(Path.of(xdg, "crawbl"));
        }
        String home = environment.get("HOME");
        return home == null || home.isBlank() ? Optional.empty() : Optional.of(Path.of(home, ".cache", "crawbl"));
    }
}
