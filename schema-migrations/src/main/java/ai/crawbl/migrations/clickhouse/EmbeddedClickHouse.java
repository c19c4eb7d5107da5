package ai.crawbl.migrations.clickhouse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * ClickHouse inside this JVM: chDB's libchdb.so, loaded through JNA from the path in {@code -Dcrawbl.chdb.lib} or
 * {@code CRAWBL_CHDB_LIB}, else from the cache where {@code scripts/setup} installs it.
 *
 * <p>chDB holds one storage per process, so every handle on the same storage shares one connection, and
 * with it one session: qualify table names with their database rather than relying on {@code USE}. The
 * connection closes when the last handle does; asking for a different storage while one is open fails with
 * a message naming both. One process at a time can have a data directory open: another process asking for it waits
 * until it is closed, up to {@code CRAWBL_CLICKHOUSE_LOCK_WAIT} seconds (default 600). The JVM should run with
 * {@code --enable-native-access=ALL-UNNAMED} on JDK 22+.
 */
public final class EmbeddedClickHouse implements ClickHouse {

    /**
     * {@code DROP TABLE|DATABASE ... SYNC} on a MergeTree table dereferences NULL inside chDB 26.5, and the JVM
     * then hangs writing its crash report; refusing it here turns that into an error a person can act on.
     */
    private static final Pattern DROP_SYNC = Pattern.compile("(?is)^\\s*DROP\\s.*\\sSYNC\\s*;?\\s*$");

    private final ChdbEngine engine;
    private final ChdbStorage storage;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedClickHouse(ChdbEngine engine, ChdbStorage storage, Duration lockWait) {
        this.engine = engine;
        this.storage = storage;
        engine.open(storage, lockWait);
    }

    /**
     * Opens chDB on a data directory, creating it if missing; data written there outlives the process.
     *
     * @throws ClickHouseException if libchdb.so is missing, another storage is open in this JVM, or chDB
     *     cannot use the directory
     */
    public static EmbeddedClickHouse open(Path dataDirectory) {
        return open(dataDirectory, ChdbFolderLock.wait(System.getenv(), System.getProperty(ChdbFolderLock.PROPERTY)));
    }

    /**
     * Opens chDB on a data directory as {@link #open(Path)} does, waiting up to {@code lockWait} (rather than the
     * configured wait) while another process has it open; only one process at a time can.
     *
     * @throws ClickHouseException as {@link #open(Path)}, and when the wait runs out, naming the setting that lengthens it
     */
    public static EmbeddedClickHouse open(Path dataDirectory, Duration lockWait) {
        return new EmbeddedClickHouse(ChdbEngine.PROCESS, ChdbStorage.directory(dataDirectory), lockWait);
    }

    /**
     * Opens chDB on a temporary directory of its own, deleted when the last handle closes: for tests and
     * one-off checks.
     *
     * @throws ClickHouseException if libchdb.so is missing or another storage is open in this JVM
     */
    public static EmbeddedClickHouse openInMemory() {
        return new EmbeddedClickHouse(ChdbEngine.PROCESS, new ChdbStorage.InMemory(), Duration.ZERO);
    }

    /** The data directory, or empty for in-memory storage. */
    public Optional<Path> dataDirectory() {
        return storage instanceof ChdbStorage.Directory directory ? Optional.of(directory.path()) : Optional.empty();
    }

    @Override
    public void execute(String sql) {
        run(sql);
    }

    @Override
    public void useDatabase(String database) {
        execute("USE " + database);
    }

    @Override
    public QueryResult query(String sql) {
        return TabSeparatedResult.parse(run(sql));
    }

    private byte[] run(String sql) {
        if (closed.get()) {
            throw new IllegalStateException(this + " is closed");
        }
        if (DROP_SYNC.matcher(sql).matches()) {
            throw ClickHouseException.unavailable("embedded ClickHouse refuses DROP ... SYNC: chDB crashes the JVM on"
                    + " it (null dereference in libchdb 26.5); drop without SYNC, which chDB completes in the"
                    + " background. Statement: " + sql, null);
        }
        return engine.run(sql, TabSeparatedResult.FORMAT);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            engine.release();
        }
    }

    @Override
    public String describe() {
        return "embedded ClickHouse " + dataDirectory().map(folder -> "(data: " + shown(folder) + ")").orElse("(in memory)");
    }

    /** {@code folder} relative to the working directory when it lies inside it, else as it is. */
    private static String shown(Path folder) {
        Path here = Path.of("").toAbsolutePath();
        return folder.startsWith(here) && !folder.equals(here) ? here.relativize(folder).toString() : folder.toString();
    }

    @Override
    public String toString() {
        return "EmbeddedClickHouse[" + storage + "]";
    }
}
