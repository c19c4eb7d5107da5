package ai.crawbl.migrations.postgres;

import ai.crawbl.migrations.MigrationException;
import ai.crawbl.migrations.process.OwnedFolders;
import ai.crawbl.migrations.process.ProcessOwner;
import ai.crawbl.migrations.process.ProcessRun;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A private PostgreSQL cluster started from the server binaries installed on the machine ({@code initdb} +
 * {@code pg_ctl}), listening on 127.0.0.1 on a free port with a private socket directory.
 *
 * <p>A {@linkplain #throwaway() throwaway} cluster lives in a temporary directory that {@link #close()} deletes, and
 * its server is stopped on close. A {@linkplain #persistent(Path) persistent} one keeps its data directory and
 * reuses it at the next start; runs in any number of processes may use it at once, sharing one server, which the
 * last of them to close stops (a server left by a killed run is used, then stopped, by the next; see
 * {@link ClusterUsers}). A JVM that exits without closing closes in a shutdown hook. Connections use password
 * authentication as the {@code postgres} superuser with a random password kept in the data directory.
 */
public final class EmbeddedPostgres implements PostgresServer {

    private static final String SUPERUSER = "postgres";
    private static final String PASSWORD_FILE = "crawbl.password";
    private static final String LOG_FILE = "crawbl-server.log";
    static final String SOCKETS_PREFIX = "crawbl-pg-run-";
    static final String THROWAWAY_PREFIX = "crawbl-pg-";
    private static final int START_ATTEMPTS = 5;
    /** Longer than {@code pg_ctl start -t 120} waits for the server, so that pg_ctl reports its own timeout first. */
    private static final Duration PROGRAM_TIMEOUT = Duration.ofSeconds(180);

    private final PostgresBinaries binaries;
    private final ServerAccount account;
    private final Path dataDir;
    /** A throwaway cluster's directory, deleted on close; null for a persistent one. */
    private final Path throwawayRoot;
    /** A persistent cluster's use by this object; null for a throwaway one. */
    private final ClusterUsers.Membership<Running> membership;
    private final String password;
    private final int port;
    private final Thread shutdownHook;
    /** Hears what went wrong when the JVM's exit, rather than {@link #close()}, stops the server. */
    private final Consumer<String> warnings;
    private boolean closed;

    private EmbeddedPostgres(PostgresBinaries binaries, ServerAccount account, Path dataDir, Path throwawayRoot,
                             ClusterUsers.Membership<Running> membership, String password, int port, Consumer<String> warnings) {
        this.warnings = warnings;
        this.binaries = binaries;
        this.account = account;
        this.dataDir = dataDir;
        this.throwawayRoot = throwawayRoot;
        this.membership = membership;
        this.password = password;
        this.port = port;
        this.shutdownHook = new Thread(this::stopQuietly, "embedded-postgres-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A cluster in a new temporary directory, deleted with everything in it on close. */
    public static Builder throwaway() {
        return new Builder(null);
    }

    /** A cluster whose data lives in {@code dataDir}: created at the first start, reused at later ones. */
    public static Builder persistent(Path dataDir) {
        return new Builder(dataDir.toAbsolutePath());
    }

    /**
     * Where a checkout's persistent cluster lives: {@code <checkout>/.crawbl/postgres}, or, when the server's system
     * user cannot enter the checkout (the JVM runs as root in a folder closed to others), a folder in that user's
     * home keyed by the checkout's path.
     */
    public static Path dataDirectoryFor(Path checkout) {
        Path dir = checkout.toAbsolutePath().normalize();
        ServerAccount account = ServerAccount.current();
        try {
            if (account.firstClosedFolder(dir.resolve(".crawbl")) == null) {
                return dir.resolve(".crawbl").resolve("postgres");
            }
            return account.home().resolve("crawbl").resolve(dir.getFileName() + "-" + HexFormat.of().formatHex(sha256(dir.toString()), 0, 6));
        } catch (IOException e) {
            throw new EmbeddedPostgresException("cannot choose a data directory for " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Immutable start-up options; {@link #start()} creates and starts the cluster. */
    public static final class Builder {
        private final Path dataDir;
        private PostgresBinaries binaries;
        private int port;
        private Consumer<String> warnings = warning -> { };
        private Consumer<String> creationStages = stage -> { };

        private Builder(Path dataDir) {
            this.dataDir = dataDir;
        }

        /** Uses these server binaries instead of {@link PostgresBinaries#locate()}. */
        public Builder binaries(PostgresBinaries binaries) {
            this.binaries = binaries;
            return this;
        }

        /** Listens on {@code port} when it is free; otherwise, as by default, on another free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * Sends {@code warnings} what goes wrong when the JVM's exit, not {@link EmbeddedPostgres#close()}, stops the
         * server, where there is nobody to throw to; by default they are dropped, since a library prints nothing.
         */
        public Builder warnings(Consumer<String> warnings) {
            this.warnings = java.util.Objects.requireNonNull(warnings, "warnings");
            return this;
        }

        /**
         * Tells {@code stages} the name of each step of a persistent cluster's first creation as it is reached, before
         * the step after it: for tests that stop a run at each of them.
         */
        Builder creationStages(Consumer<String> stages) {
            this.creationStages = java.util.Objects.requireNonNull(stages, "stages");
            return this;
        }

        /**
         * Creates the cluster if needed and starts it; returns once it accepts connections. First stops and removes
         * the servers and scratch folders of runs that died before they could (see {@link Leftovers}), saying so in
         * one line to {@link #warnings}.
         */
        public EmbeddedPostgres start() {
            PostgresBinaries bin = binaries != null ? binaries : PostgresBinaries.locate();
            ServerAccount account = ServerAccount.current();
            Leftovers.reap(bin, account, List.of(throwawayParent(), temporaryFolder())).summary().ifPresent(warnings);
            try {
                return dataDir == null ? startThrowaway(bin, port, warnings)
                        : startPersistent(bin, dataDir, port, warnings, creationStages);
            } catch (IOException e) {
                throw new EmbeddedPostgresException("embedded PostgreSQL: " + e.getMessage(), e);
            }
        }
    }

    private static EmbeddedPostgres startThrowaway(PostgresBinaries bin, int preferredPort, Consumer<String> warnings) throws IOException {
        ServerAccount account = ServerAccount.current();
        Path root = OwnedFolders.create(throwawayParent(), THROWAWAY_PREFIX, ProcessOwner.current());
        try {
            account.give(root);
            Path data = root.resolve("data");
            Path sockets = root.resolve("run");
            account.createOwned(sockets);
            Path template = throwawayTemplate(bin, account);
            run(account.command(Path.of("cp"), List.of("-a", template.resolve("data").toString(), data.toString())), root,
                    "copying the initialised cluster " + template);
            String password = readPassword(data);
            int port = startServer(bin, account, data, sockets, true, preferredPort);
            return new EmbeddedPostgres(bin, account, data, root, null, password, port, warnings);
        } catch (RuntimeException | IOException e) {
            OwnedFolders.delete(root);
            throw e;
        }
    }

    /**
     * A freshly initialised cluster that throwaway clusters start as copies of, so that {@code initdb} runs once per
     * server version and machine boot rather than at every start (a copy takes a tenth of the time). Built aside and
     * renamed into place, so concurrent first starts never see half of one; its superuser password is shared by the
     * copies, which listen on the loopback interface only.
     */
    private static Path throwawayTemplate(PostgresBinaries bin, ServerAccount account) throws IOException {
        Path parent = throwawayParent();
        String key = bin.majorVersion() + "-" + HexFormat.of().formatHex(sha256(bin.binDir().toAbsolutePath() + "|initdb-v1"), 0, 6);
        Path template = parent.resolve("crawbl-pg-template-" + key);
        if (Files.exists(template.resolve("data").resolve(PASSWORD_FILE))) {
            return template;
        }
        Path building = OwnedFolders.create(parent, "crawbl-pg-template-", ProcessOwner.current());
        try {
            account.give(building);
            Path data = building.resolve("data");
            account.createOwned(data);
            initdb(bin, account, data, building, newPassword(), true);
            Files.move(building, template, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
            // Another process put its template in place first; use that one.
        } finally {
            OwnedFolders.delete(building);
        }
        return template;
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The JVM's temporary folder, where the socket folders of persistent clusters live (their paths must be short). */
    static Path temporaryFolder() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /**
     * Where throwaway clusters live: the RAM-backed {@code /dev/shm} where the machine has one, since their data never
     * outlives the process (initdb alone runs about twice as fast there as on disk), else the temporary folder.
     */
    static Path throwawayParent() {
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** A persistent cluster's running server, as a run joining its users finds it. */
    private record Running(int port, String password) {
    }

    private static EmbeddedPostgres startPersistent(PostgresBinaries bin, Path data, int preferredPort, Consumer<String> warnings,
                                                    Consumer<String> stages) throws IOException {
        ServerAccount account = ServerAccount.current();
        account.checkReachable(data);
        ClusterUsers.Membership<Running> membership = ClusterUsers.join(data, () -> findOrStart(bin, account, data, preferredPort, stages));
        Running running = membership.value();
        return new EmbeddedPostgres(bin, account, data, null, membership, running.password(), running.port(), warnings);
    }

    /**
     * The server on {@code data}: the one running there (started by another run, which may still use it, or left by
     * a killed one), else one started now, the cluster created first when the folder holds none. Runs while no
     * other run starts or stops a server on the folder.
     */
    private static Running findOrStart(PostgresBinaries bin, ServerAccount account, Path data, int preferredPort,
                                       Consumer<String> stages) throws IOException {
        Optional<Integer> running = runningPort(bin, account, data);
        if (running.isPresent()) {
            return new Running(running.get(), readPassword(data));
        }
        Leftovers.reapAll(bin, account, OwnedFolders.abandoned(data.getParent(), creationPrefix(data)));
        if (!checkHoldsClusterOrNothing(bin, account, data)) {
            create(bin, account, data, stages);
        }
        Path sockets = OwnedFolders.create(temporaryFolder(), SOCKETS_PREFIX, ProcessOwner.current());
        try {
            account.give(sockets);
            int port = startServer(bin, account, data, sockets, false, preferredPort);
            stages.accept("started");
            // The socket folder lives as long as the server, which may outlive this run: the server owns it now.
            ProcessOwner.of(postmasterPid(data)).ifPresent(server -> handOver(sockets, server));
            return new Running(port, readPassword(data));
        } catch (RuntimeException | IOException e) {
            OwnedFolders.delete(sockets);
            throw e;
        }
    }

    private static void handOver(Path sockets, ProcessOwner server) {
        try {
            OwnedFolders.transfer(sockets, server);
        } catch (IOException e) {
            throw new EmbeddedPostgresException("could not record the server as the owner of " + sockets + ": " + e.getMessage(), e);
        }
    }

    /** The names of the folders a first creation of the cluster in {@code data} builds it in, beside it. */
    static String creationPrefix(Path data) {
        return "." + data.getFileName() + ".creating-";
    }

    /**
     * Creates the cluster aside, in a folder beside {@code data} owned by this run, and renames it into place last: a
     * run killed at any moment leaves either no cluster in {@code data} or a whole one with its password, never half
     * of one (the aside folder is removed by the next run once its owner is gone).
     */
    private static void create(PostgresBinaries bin, ServerAccount account, Path data, Consumer<String> stages) throws IOException {
        Path aside = OwnedFolders.create(data.getParent(), creationPrefix(data), ProcessOwner.current());
        try {
            account.give(aside);
            Path fresh = aside.resolve("data");
            account.createOwned(fresh);
            stages.accept("aside");
            initdb(bin, account, fresh, aside, newPassword(), false, stages);
            stages.accept("password");
            Files.move(fresh, data, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            stages.accept("renamed");
        } finally {
            OwnedFolders.delete(aside);
        }
    }

    /**
     * True when {@code data} holds a cluster this toolkit created for these binaries, false when it is missing or
     * empty; fails, saying what to do, when it holds anything else.
     */
    private static boolean checkHoldsClusterOrNothing(PostgresBinaries bin, ServerAccount account, Path data) throws IOException {
        if (!Files.exists(data)) {
            return false;
        }
        if (Files.isDirectory(data) && UnfinishedCluster.isOne(data)) {
            Leftovers.removeUnfinishedCluster(bin, account, data);
            return false;
        }
        if (!Files.isDirectory(data)) {
            throw new EmbeddedPostgresException(data + " is a file, not a PostgreSQL data folder; choose another data folder", null,
                    List.of(MigrationException.Setting.EMBEDDED_DATA));
        }
        Path version = data.resolve("PG_VERSION");
        if (!Files.exists(version)) {
            try (Stream<Path> entries = Files.list(data)) {
                if (entries.findAny().isEmpty()) {
                    return false;
                }
            }
            throw new EmbeddedPostgresException(data + " is not empty and holds no PostgreSQL cluster (no PG_VERSION); "
                    + "choose another data folder, or empty this one to create a cluster in it", null,
                    List.of(MigrationException.Setting.EMBEDDED_DATA));
        }
        readPassword(data);
        String major = Files.readString(version).trim();
        if (bin.majorVersion() > 0 && !major.equals(Integer.toString(bin.majorVersion()))) {
            throw new EmbeddedPostgresException(data + " holds a PostgreSQL " + major + " cluster, and the server binaries in "
                    + bin.binDir() + " are PostgreSQL " + bin.majorVersion() + "; install PostgreSQL " + major
                    + "'s server binaries (or point CRAWBL_PG_BIN at them), or move the folder aside to start a new cluster");
        }
        return true;
    }

    /**
     * Stops the server on {@code data}, if one runs, once its last user has left, and deletes the socket folder the
     * run that started it created.
     */
    private static Void stopShared(PostgresBinaries bin, ServerAccount account, Path data) throws IOException {
        if (runningPort(bin, account, data).isEmpty()) {
            return null;
        }
        Optional<Path> sockets = socketDirectoryOf(data);
        stopServer(bin, account, data);
        if (sockets.isPresent()) {
            OwnedFolders.delete(sockets.get());
        }
        return null;
    }

    /** The socket folder a server on {@code data} listens in, when a run of this toolkit created it. */
    static Optional<Path> socketDirectoryOf(Path data) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(data.resolve("postmaster.pid"));
        } catch (java.nio.file.NoSuchFileException gone) {
            return Optional.empty();
        }
        if (lines.size() < 5 || lines.get(4).isBlank()) {
            return Optional.empty();
        }
        Path sockets = Path.of(lines.get(4).trim());
        return sockets.getFileName() != null && sockets.getFileName().toString().startsWith(SOCKETS_PREFIX)
                ? Optional.of(sockets) : Optional.empty();
    }

    static void stopServer(PostgresBinaries bin, ServerAccount account, Path data) {
        try {
            run(account.command(bin.pgCtl(), List.of("stop", "-s", "-w", "-m", "fast", "-D", data.toString())),
                    data.getParent(), "pg_ctl stop");
        } catch (IOException e) {
            try {
                run(account.command(bin.pgCtl(), List.of("stop", "-s", "-w", "-m", "immediate", "-D", data.toString())),
                        data.getParent(), "pg_ctl stop");
            } catch (IOException again) {
                throw new EmbeddedPostgresException("could not stop the server on " + data + ": " + again.getMessage(), again);
            }
        }
    }

    private static void initdb(PostgresBinaries bin, ServerAccount account, Path data, Path scratch, String password,
                               boolean noSync) throws IOException {
        initdb(bin, account, data, scratch, password, noSync, stage -> { });
    }

    /** Runs initdb in {@code data}, its password file in {@code scratch}, then keeps the password in the cluster. */
    private static void initdb(PostgresBinaries bin, ServerAccount account, Path data, Path scratch, String password,
                               boolean noSync, Consumer<String> stages) throws IOException {
        Path pwfile = scratch.resolve("initdb.pw");
        Files.writeString(pwfile, password + "\n");
        account.give(pwfile);
        try {
            List<String> args = new ArrayList<>(List.of("-D", data.toString(), "-U", SUPERUSER, "--pwfile=" + pwfile,
                    "--auth-host=scram-sha-256", "--auth-local=peer", "-E", "UTF8", "--no-locale", "--no-instructions"));
            if (noSync) {
                args.add("--no-sync");
            }
            run(account.command(bin.initdb(), args), data.getParent(), "initdb");
        } finally {
            Files.deleteIfExists(pwfile);
        }
        stages.accept("initdb");
        Path secret = data.resolve(PASSWORD_FILE);
        Files.writeString(secret, password);
        Files.setPosixFilePermissions(secret, EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        account.give(secret);
    }

    /**
     * Starts the server on the preferred port, or a free one, trying another free port whenever the one tried is
     * taken (by another program, or between choosing it and binding it).
     */
    private static int startServer(PostgresBinaries bin, ServerAccount account, Path data, Path sockets,
                                   boolean throwaway, int preferredPort) throws IOException {
        removeStaleLock(data);
        String options = "-c listen_addresses=127.0.0.1 -k " + sockets
                + (throwaway ? " -c fsync=off -c synchronous_commit=off -c full_page_writes=off" : "");
        Path log = data.resolve(LOG_FILE);
        ProcessFailure last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            int port = attempt == 0 && preferredPort > 0 ? preferredPort : freePort();
            List<String> args = List.of("start", "-w", "-t", "120", "-s", "-D", data.toString(), "-l", log.toString(),
                    "-o", "-p " + port + " " + options);
            try {
                run(account.command(bin.pgCtl(), args), data.getParent(), "pg_ctl start");
                return port;
            } catch (ProcessFailure failure) {
                last = failure;
                String logText = tail(log);
                if (!logText.contains("could not bind") && !logText.contains("Address already in use")) {
                    throw new EmbeddedPostgresException(failure.getMessage() + "\nserver log (" + log + "):\n" + logText);
                }
            }
        }
        throw new EmbeddedPostgresException("no free port after " + START_ATTEMPTS + " attempts: " + last.getMessage());
    }

    /** The port of a live server already running on {@code data}, if there is one. */
    static Optional<Integer> runningPort(PostgresBinaries bin, ServerAccount account, Path data)
            throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 4 || !isPostgresProcess(lines.get(0).trim())) {
            return Optional.empty();
        }
        try {
            run(account.command(bin.pgCtl(), List.of("status", "-s", "-D", data.toString())), data.getParent(), "pg_ctl status");
            return Optional.of(Integer.parseInt(lines.get(3).trim()));
        } catch (ProcessFailure | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Deletes a {@code postmaster.pid} whose process is gone or is not a PostgreSQL server (a killed run's). */
    private static void removeStaleLock(Path data) throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        if (Files.exists(pidFile)) {
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.isEmpty() || !isPostgresProcess(lines.get(0).trim())) {
                Files.delete(pidFile);
            }
        }
    }

    /** The pid in {@code data}'s {@code postmaster.pid}, or 0 when there is none. */
    static long postmasterPid(Path data) {
        try {
            List<String> lines = Files.readAllLines(data.resolve("postmaster.pid"));
            return lines.isEmpty() ? 0 : Long.parseLong(lines.getFirst().trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    static boolean isPostgresProcess(String pid) {
        try {
            Path cmdline = Path.of("/proc", pid, "cmdline");
            return Files.exists(cmdline) && new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).contains("postgres");
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String newPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String readPassword(Path data) throws IOException {
        Path secret = data.resolve(PASSWORD_FILE);
        if (!Files.exists(secret)) {
            throw new EmbeddedPostgresException(data + " is a PostgreSQL data directory this toolkit did not create (no "
                    + PASSWORD_FILE + "); choose another data directory");
        }
        return Files.readString(secret).trim();
    }

    /** A failed server program, with what it printed. */
    private static final class ProcessFailure extends IOException {
        ProcessFailure(String message) {
            super(message);
        }
    }

    /** Runs a server program; throws {@link ProcessFailure} with what it printed when it exits with an error. */
    static void run(List<String> command, Path workDir, String what) throws IOException {
        ProcessRun.Result result = ProcessRun.run(new ProcessBuilder(command).directory(workDir.toFile()), PROGRAM_TIMEOUT, what);
        if (result.exitCode() != 0) {
            throw new ProcessFailure(what + " failed (exit " + result.exitCode() + ")" + (result.output().isEmpty() ? "" : ": " + result.output()));
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no server log)";
        }
    }

    /** The TCP port the server listens on (127.0.0.1). */
    public int port() {
        return port;
    }

    /** The cluster's data directory. */
    public Path dataDirectory() {
        return dataDir;
    }

    /** The PostgreSQL major version of the server binaries. */
    public int majorVersion() {
        return binaries.majorVersion();
    }

    /** The server binaries this cluster runs (their folder also holds pg_dump and psql). */
    public PostgresBinaries binaries() {
        return binaries;
    }

    @Override
    public PostgresEndpoint endpoint(String database) {
        return new PostgresEndpoint("jdbc:postgresql://127.0.0.1:" + port + "/" + database, SUPERUSER, password);
    }

    @Override
    public String defaultDatabase() {
        return "postgres";
    }

    /**
     * For a throwaway cluster, stops the server and deletes its directory; for a persistent one, stops using the
     * server, and stops it when no other run, in this process or another, uses it.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it does the same work
        }
        stop();
    }

    private synchronized void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException e) {
            warnings.accept("embedded PostgreSQL: " + e.getMessage());
        }
    }

    private synchronized void stop() {
        if (closed) {
            return;
        }
        closed = true;
        if (membership == null) {
            stopServer(binaries, account, dataDir);
            try {
                OwnedFolders.delete(throwawayRoot);
            } catch (IOException e) {
                throw new EmbeddedPostgresException("could not delete " + throwawayRoot + ": " + e.getMessage(), e);
            }
            return;
        }
        try {
            membership.leave(() -> stopShared(binaries, account, dataDir));
        } catch (IOException e) {
            throw new EmbeddedPostgresException("could not leave the server on " + dataDir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "embedded PostgreSQL " + binaries.majorVersion() + " on 127.0.0.1:" + port + " (" + dataDir + ")";
    }
}
