package ai.crawbl.migrations.postgres;

import ai.crawbl.migrations.MigrationException;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The runs, in any number of processes, that use the persistent cluster in one data directory, counted through
 * file locks on a file beside it ({@code <data directory>.lock}): the last run to leave stops the server.
 *
 * <p>Two byte ranges of that file are locked. The <em>control</em> byte is held exclusively while a run starts or
 * finds the server, and while it leaves, so that two runs never run {@code initdb} or {@code pg_ctl} on the folder at
 * once (the second waits, then finds the server running). The <em>in-use</em> byte is held shared by every process
 * using the server; a process leaving tries, without waiting, to hold it exclusively: when it can, no other process
 * uses the server and it stops it. File locks belong to a process and the operating system releases them when it
 * dies, so a run killed with {@code kill -9} never leaves one behind: the next run finds its server, uses it, and
 * stops it when it is done.
 *
 * <p>Why a table of the directories this JVM uses: file locks are held per process, and the JDK refuses to lock a
 * range that another channel of the same JVM holds (and closing any channel on the file drops all of the JVM's locks
 * on it). So this JVM keeps one channel per lock file, counts its own users, holds the shared lock while it has any,
 * and lets one thread at a time start, find or stop the server. The file is never deleted: a run waiting on it would
 * then lock a file that nobody else sees.
 */
final class ClusterUsers {

    /** Starts or finds the server, or stops it; runs with the control lock held. */
    @FunctionalInterface
    interface Step<T> {
        T run() throws IOException;
    }

    private static final long CONTROL = 0;
    private static final long IN_USE = 1;
    private static final long POLL_MILLIS = 25;

    /** The lock files this JVM has open, by real path. Guarded by itself. */
    private static final Map<Path, ClusterUsers> OPEN = new HashMap<>();

    private final Path lockFile;
    private final FileChannel channel;
    /** Runs in this JVM that joined or are joining; guarded by {@link #OPEN}. */
    private int references;
    /** Runs in this JVM that use the server; guarded by {@code this}. */
    private int users;
    /** The shared in-use lock, held while {@link #users} is positive; guarded by {@code this}. */
    private FileLock inUse;

    private ClusterUsers(Path lockFile, FileChannel channel) {
        this.lockFile = lockFile;
        this.channel = channel;
    }

    /** The lock file of the cluster in {@code dataDir}: beside it, since {@code initdb} wants the folder empty. */
    static Path lockFileOf(Path dataDir) {
        return dataDir.resolveSibling(dataDir.getFileName() + ".lock");
    }

    /**
     * Joins the users of the cluster in {@code dataDir}: runs {@code startOrFind} with the control lock held (after
     * waiting for any run starting or stopping the server), then counts this run as a user until it {@linkplain Membership#leave leaves}.
     */
    static <T> Membership<T> join(Path dataDir, Step<T> startOrFind) throws IOException {
        ClusterUsers users = reference(dataDir);
        try {
            T value = users.enter(startOrFind);
            return new Membership<>(users, value);
        } catch (IOException | RuntimeException | Error e) {
            users.dereference();
            throw e;
        }
    }

    /**
     * Runs {@code step} with the control lock held, unless a run in any process uses or is starting the cluster in
     * {@code dataDir}: for the sweep that stops a server its users' processes all died without stopping. Never waits;
     * false when the cluster is in use or busy.
     */
    static boolean whenUnused(Path dataDir, Step<?> step) throws IOException {
        ClusterUsers users = reference(dataDir);
        try {
            return users.ifUnused(step);
        } finally {
            users.dereference();
        }
    }

    /** One run's use of a cluster, with what its start step returned. */
    static final class Membership<T> {
        private final ClusterUsers users;
        private final T value;
        private boolean left;

        private Membership(ClusterUsers users, T value) {
            this.users = users;
            this.value = value;
        }

        T value() {
            return value;
        }

        /**
         * Stops being a user; when no run in any process uses the server any more, runs {@code stopIfLast} with the
         * control lock held. Does nothing the second time.
         */
        synchronized void leave(Step<?> stopIfLast) throws IOException {
            if (left) {
                return;
            }
            left = true;
            try {
                users.exit(stopIfLast);
            } finally {
                users.dereference();
            }
        }
    }

    private static ClusterUsers reference(Path dataDir) throws IOException {
        Path parent = dataDir.toAbsolutePath().getParent();
        Path lockFile;
        try {
            Files.createDirectories(parent);
            lockFile = parent.toRealPath().resolve(lockFileOf(dataDir).getFileName());
        } catch (IOException e) {
            throw new EmbeddedPostgresException("cannot create the folder " + parent + " for the embedded PostgreSQL data ("
                    + e + "); choose a data folder in a folder you can write to", e,
                    List.of(MigrationException.Setting.EMBEDDED_DATA));
        }
        synchronized (OPEN) {
            ClusterUsers users = OPEN.get(lockFile);
            if (users == null) {
                FileChannel channel;
                try {
                    channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                } catch (IOException e) {
                    throw new EmbeddedPostgresException("cannot open " + lockFile + ", through which the runs using the data folder "
                            + dataDir + " share its server (" + e + "); make it writable or choose another data folder", e,
                            List.of(MigrationException.Setting.EMBEDDED_DATA));
                }
                users = new ClusterUsers(lockFile, channel);
                OPEN.put(lockFile, users);
            }
            users.references++;
            return users;
        }
    }

    /** Closes the channel once no run of this JVM needs it; closing inside the table's lock keeps it the only one. */
    private void dereference() throws IOException {
        synchronized (OPEN) {
            if (--references == 0) {
                OPEN.remove(lockFile);
                channel.close();
            }
        }
    }

    private synchronized <T> T enter(Step<T> startOrFind) throws IOException {
        try (FileLock control = control(true)) {
            T value = startOrFind.run();
            if (users == 0) {
                // Free: a process holds it exclusively only while it holds the control lock, which is ours now.
                inUse = channel.tryLock(IN_USE, 1, true);
                if (inUse == null) {
                    throw new IllegalStateException("another process holds " + lockFile + " without its control lock");
                }
            }
            users++;
            return value;
        }
    }

    private synchronized boolean ifUnused(Step<?> step) throws IOException {
        if (users > 0) {
            return false;
        }
        try (FileLock control = channel.tryLock(CONTROL, 1, false)) {
            if (control == null) {
                return false;
            }
            try (FileLock alone = channel.tryLock(IN_USE, 1, false)) {
                if (alone == null) {
                    return false;
                }
                step.run();
                return true;
            }
        }
    }

    /** Leaving is not interruptible: a run that could not leave would keep the server running for nobody. */
    private synchronized void exit(Step<?> stopIfLast) throws IOException {
        boolean interrupted = Thread.interrupted();
        try (FileLock control = control(false)) {
            if (--users > 0) {
                return;
            }
            inUse.release();
            inUse = null;
            try (FileLock alone = channel.tryLock(IN_USE, 1, false)) {
                if (alone != null) {
                    stopIfLast.run();
                }
            }
        } finally {
            if (interrupted || Thread.interrupted()) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Takes the control lock, polling rather than blocking: an interrupt during a blocking wait would close the
     * channel, and with it every lock this JVM holds on the file.
     */
    private FileLock control(boolean interruptible) throws IOException {
        boolean interrupted = false;
        try {
            while (true) {
                if (interruptible && Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("interrupted while waiting for another run to start or stop the server ("
                            + lockFile + ")");
                }
                FileLock lock = channel.tryLock(CONTROL, 1, false);
                if (lock != null) {
                    return lock;
                }
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    if (interruptible) {
                        Thread.currentThread().interrupt();
                    } else {
                        interrupted = true;
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
