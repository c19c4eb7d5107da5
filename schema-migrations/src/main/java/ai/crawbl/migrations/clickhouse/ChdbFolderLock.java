package ai.crawbl.migrations.clickhouse;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The right of this process to open chDB on a data folder, held as an operating-system file lock on a file beside it
 * ({@code <folder>.lock}): chDB itself refuses a folder another process has open ({@code Code: 76 … Cannot lock file
 * …/status}) at once, so two runs on one folder would fail one. With this lock the second waits for the first to close
 * it, up to the {@linkplain #wait(Map, String) lock wait}. The operating system drops the lock of a killed process.
 */
final class ChdbFolderLock implements AutoCloseable {

    /** The environment variable (or, spelled {@value #PROPERTY}, system property) that sets the wait, in seconds. */
    static final String VARIABLE = "CRAWBL_CLICKHOUSE_LOCK_WAIT";
    static final String PROPERTY = "crawbl.clickhouse.lock-wait";
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(600);
    private static final long POLL_MILLIS = 50;

    private final FileChannel channel;
    private final FileLock lock;

    private ChdbFolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of a chDB data folder: beside it, so chDB's own files stay its own. */
    static Path fileOf(Path folder) {
        return folder.resolveSibling(folder.getFileName() + ".lock");
    }

    /** How long to wait for another process's lock: {@value #PROPERTY}, else {@value #VARIABLE}, else 600 s. */
    static Duration wait(Map<String, String> env, String property) {
        String text = property != null ? property : env.get(VARIABLE);
        if (text == null || text.isBlank()) {
            return DEFAULT_WAIT;
        }
        try {
            long seconds = Long.parseLong(text.trim());
            if (seconds >= 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ClickHouseException.unavailable(VARIABLE + "=" + text + " is not a number of seconds; set it to how long"
                + " to wait for another process using the embedded ClickHouse data folder (default 600)", null);
    }

    /**
     * Takes the lock of {@code folder}, waiting up to {@code wait} for another process to close it.
     *
     * @throws ClickHouseException when the wait runs out (naming the setting) or the lock file cannot be opened
     */
    static ChdbFolderLock acquire(Path folder, Duration wait) {
        Path file = fileOf(folder);
        FileChannel channel;
        try {
            Files.createDirectories(folder.getParent());
            channel = FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw ClickHouseException.unavailable("cannot open " + file + ", through which runs take turns on the embedded"
                    + " ClickHouse data folder " + folder + " (" + e + "); make it writable or choose another folder", e);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (true) {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return new ChdbFolderLock(channel, lock);
                }
                if (System.nanoTime() >= deadline) {
                    throw ClickHouseException.unavailable("another process has had the embedded ClickHouse data folder " + folder
                            + " open for more than " + wait.toSeconds() + " s (lock file " + file + "); is a run stuck? Set "
                            + VARIABLE + " to the seconds to wait longer, or choose another ClickHouse data folder", null);
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException e) {
            closeQuietly(channel);
            throw ClickHouseException.unavailable("cannot lock " + file + ": " + e, e);
        } catch (InterruptedException e) {
            closeQuietly(channel);
            Thread.currentThread().interrupt();
            throw ClickHouseException.unavailable("interrupted while waiting for another process to close the embedded"
                    + " ClickHouse data folder " + folder, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the process's lock goes with the channel either way
        }
    }
}
