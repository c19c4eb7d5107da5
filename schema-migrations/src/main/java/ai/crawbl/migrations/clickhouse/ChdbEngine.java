package ai.crawbl.migrations.clickhouse;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The chDB engine of this process: its one open connection, shared by every {@link EmbeddedClickHouse}.
 *
 * <p>This is the package's one piece of static mutable state, and it is there because chDB's own state is
 * per process: the library can hold one storage (data directory) open at a time — a second
 * {@code chdb_connect} to another path returns NULL until the first is closed — and its signal handling is
 * process-wide. Two independent owners of that state would fail each other in ways neither could explain,
 * so one object per process keeps the reference count, says clearly which storage is open when another one is
 * asked for, and serializes every call into the library.
 */
final class ChdbEngine {

    /** The engine of this JVM; the library is located and loaded on first use. */
    static final ChdbEngine PROCESS = new ChdbEngine(() -> ChdbLibrary.load(
            ChdbLibrary.locate(System.getProperty(ChdbLibrary.SYSTEM_PROPERTY), System.getenv())));

    private final Supplier<ChdbLibrary> loader;
    /** Guards every field below and serializes every call into chDB. */
    private final ReentrantLock lock = new ReentrantLock();
    private ChdbLibrary library;
    private boolean signalHandlersDisabled;
    private ChdbStorage storage;
    private Pointer connectionHandle;
    private Pointer connection;
    /** The lock of the open data folder, held while it is open; null for in-memory storage. */
    private ChdbFolderLock folderLock;
    private int handles;

    private ChdbEngine(Supplier<ChdbLibrary> loader) {
        this.loader = loader;
    }

    /**
     * Opens the storage, or joins it when it is already open, and counts one more handle on it. A data folder another
     * process has open is waited for, up to {@code lockWait}.
     *
     * @throws ClickHouseException if another storage is open in this process, another process keeps the folder open
     *     longer than {@code lockWait}, or chDB cannot open this one
     */
    void open(ChdbStorage wanted, java.time.Duration lockWait) {
        lock.lock();
        try {
            if (storage != null) {
                if (!storage.equals(wanted)) {
                    throw ClickHouseException.unavailable("chDB cannot open " + wanted + ": this JVM already has "
                            + storage + " open (" + handles + " open handle(s)), and chDB holds one storage per"
                            + " process. Close those handles first, or share that storage and isolate by database.",
                            null);
                }
                handles++;
                return;
            }
            if (wanted instanceof ChdbStorage.Directory directory) {
                try {
                    Files.createDirectories(directory.path());
                } catch (IOException e) {
                    throw ClickHouseException.unavailable("cannot create the chDB data directory "
                            + directory.path() + ": " + e, e);
                }
            }
            if (library == null) {
                library = loader.get();
            }
            ChdbFolderLock taken = wanted instanceof ChdbStorage.Directory directory
                    ? ChdbFolderLock.acquire(directory.path(), lockWait) : null;
            try {
                connect(wanted);
            } catch (RuntimeException | Error e) {
                if (taken != null) {
                    taken.close();
                }
                throw e;
            }
            folderLock = taken;
        } finally {
            lock.unlock();
        }
    }

    /** Connects chDB to {@code wanted}; the caller holds {@link #lock}. */
    private void connect(ChdbStorage wanted) {
        String[] arguments = wanted.connectArguments();
        SignalDispositions jvmHandlers = SignalDispositions.capture();
        Pointer handle;
        try {
            if (!signalHandlersDisabled) {
                disableChdbSignalHandlers();
            }
            handle = library.chdb_connect(arguments.length, arguments);
        } finally {
            jvmHandlers.restore();
        }
        Pointer opened = handle == null ? null : handle.getPointer(0);
        if (opened == null) {
            throw ClickHouseException.unavailable("chDB could not open " + wanted + " (chdb_connect returned"
                    + " NULL): check that it is writable and that no other process (chDB or a ClickHouse"
                    + " server) is using it", null);
        }
        storage = wanted;
        connectionHandle = handle;
        connection = opened;
        handles = 1;
    }

    /**
     * chDB's own crash handlers sleep and then re-raise, which under GC pressure left the JVM hung with
     * every thread asleep; with them disabled it runs. Older chDB releases lack the call and install nothing
     * that {@link SignalDispositions#restore()} does not undo.
     */
    private void disableChdbSignalHandlers() {
        try {
            library.chdb_set_signal_handlers_enabled(0);
        } catch (UnsatisfiedLinkError absentInThisChdbRelease) {
            // nothing to disable
        }
        signalHandlersDisabled = true;
    }

    /** Drops one handle; the last one closes the connection, after which any storage may be opened. */
    void release() {
        lock.lock();
        try {
            if (handles == 0) {
                return;
            }
            if (--handles > 0) {
                return;
            }
            SignalDispositions jvmHandlers = SignalDispositions.capture();
            try {
                library.chdb_close_conn(connectionHandle);
            } finally {
                jvmHandlers.restore();
                storage = null;
                connectionHandle = null;
                connection = null;
                if (folderLock != null) {
                    folderLock.close();
                    folderLock = null;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs one statement and returns its output, in the given format, as chDB wrote it.
     *
     * @throws ClickHouseException with ClickHouse's message when the statement fails
     */
    byte[] run(String sql, String format) {
        byte[] query = sql.getBytes(StandardCharsets.UTF_8);
        byte[] formatName = format.getBytes(StandardCharsets.US_ASCII);
        lock.lock();
        try {
            if (connection == null) {
                throw new IllegalStateException("the embedded ClickHouse is closed");
            }
            Pointer result = library.chdb_query_n(connection, query, new NativeLong(query.length),
                    formatName, new NativeLong(formatName.length));
            if (result == null) {
                throw ClickHouseException.unavailable("chDB returned no result for: " + sql, null);
            }
            try {
                Pointer error = library.chdb_result_error(result);
                if (error != null) {
                    String message = error.getString(0, StandardCharsets.UTF_8.name());
                    if (!message.isBlank()) {
                        throw ClickHouseException.fromClickHouse(message, null);
                    }
                }
                long length = library.chdb_result_length(result).longValue();
                if (length == 0) {
                    return new byte[0];
                }
                if (length > Integer.MAX_VALUE - 8) {
                    throw ClickHouseException.unavailable("a result of " + length + " bytes is too large to return"
                            + " whole; narrow the query", null);
                }
                return library.chdb_result_buffer(result).getByteArray(0, (int) length);
            } finally {
                library.chdb_destroy_query_result(result);
            }
        } finally {
            lock.unlock();
        }
    }
}
