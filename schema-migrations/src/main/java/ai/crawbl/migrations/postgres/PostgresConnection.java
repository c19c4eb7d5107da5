package ai.crawbl.migrations.postgres;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * The PostgreSQL the toolkit's commands talk to, chosen in this order: an explicit URL, {@code CRAWBL_DATABASE_URL},
 * libpq's {@code PG*} variables, or else a checkout's persistent embedded cluster (started on open, stopped on
 * close). The CLI, the code generator and the seed loader all resolve their database through this class.
 */
public final class PostgresConnection implements AutoCloseable {

    /** The database the embedded cluster migrates. */
    public static final String EMBEDDED_DATABASE = "crawbl";

    private final PostgresServer server;
    private final PostgresEndpoint endpoint;

    private PostgresConnection(PostgresServer server, PostgresEndpoint endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    /**
     * A server named by {@code url}, else by {@code CRAWBL_DATABASE_URL}, else by libpq's {@code PG*} variables;
     * empty when none names one (the caller then uses an embedded server).
     */
    public static Optional<ExternalPostgres> external(String url, Map<String, String> env) {
        if (url == null || url.isBlank()) {
            url = env.get("CRAWBL_DATABASE_URL");
        }
        if (url != null && !url.isBlank()) {
            return Optional.of(ExternalPostgres.fromUrl(url, env));
        }
        return ExternalPostgres.fromEnvironment(env);
    }

    /**
     * Opens the database the toolkit's commands use: {@link #external} when one is named, else the persistent
     * embedded cluster in {@code embeddedData} (default: {@link EmbeddedPostgres#dataDirectoryFor} the working
     * directory), with its database {@value #EMBEDDED_DATABASE} created when missing. What the embedded server has to
     * report with nobody to throw to (servers and folders of dead runs it removed, a failed stop at exit) goes to
     * standard error in one line each.
     */
    public static PostgresConnection open(String url, Path embeddedData, Map<String, String> env) {
        return open(url, embeddedData, env, ProvisionedExtensions.DEFAULT);
    }

    /**
     * As {@link #open(String, Path, Map)}, with the embedded database given {@code extensions} in schema
     * {@code public} before anything else runs in it; an external database is used as it is.
     */
    public static PostgresConnection open(String url, Path embeddedData, Map<String, String> env, ProvisionedExtensions extensions) {
        Optional<ExternalPostgres> external = external(url, env);
        if (external.isPresent()) {
            return new PostgresConnection(external.get(), external.get().endpoint());
        }
        EmbeddedPostgres embedded = EmbeddedPostgres.persistent(embeddedData != null ? embeddedData : EmbeddedPostgres.dataDirectoryFor(Path.of("")))
                .warnings(line -> System.err.println("crawbl: " + line)).start();
        try {
            createDatabaseIfMissing(embedded);
            extensions.createIn(embedded.endpoint(EMBEDDED_DATABASE));
        } catch (SQLException e) {
            embedded.close();
            throw new IllegalStateException("cannot prepare database " + EMBEDDED_DATABASE + " on " + embedded + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            embedded.close();
            throw e;
        }
        return new PostgresConnection(embedded, embedded.endpoint(EMBEDDED_DATABASE));
    }

    /**
     * Creates the database unless it exists. Runs sharing the embedded server may create it at the same moment: the
     * one that loses (a duplicate key in {@code pg_database}) finds it there and goes on.
     */
    private static void createDatabaseIfMissing(PostgresServer server) throws SQLException {
        if (databaseExists(server)) {
            return;
        }
        try {
            server.createDatabase(EMBEDDED_DATABASE, null);
        } catch (SQLException e) {
            if (!databaseExists(server)) {
                throw e;
            }
        }
    }

    private static boolean databaseExists(PostgresServer server) throws SQLException {
        try (Connection connection = server.endpoint().connect();
             PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, EMBEDDED_DATABASE);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The database to use. */
    public PostgresEndpoint endpoint() {
        return endpoint;
    }

    /**
     * Which database this is, for people and safe to print: an embedded one by its data folder (relative to the
     * working directory when it lies inside it), e.g. {@code embedded PostgreSQL 15 (data: .crawbl/postgres) database
     * crawbl}, since its port changes from run to run; an external one by its URL and user, the password masked.
     */
    public String describe() {
        if (server instanceof EmbeddedPostgres embedded) {
            return "embedded PostgreSQL " + embedded.majorVersion() + " (data: " + shown(embedded.dataDirectory())
                    + ") database " + EMBEDDED_DATABASE;
        }
        return endpoint.toString();
    }

    /** {@code folder} relative to the working directory when it lies inside it, else as it is. */
    private static String shown(Path folder) {
        Path here = Path.of("").toAbsolutePath();
        return folder.startsWith(here) && !folder.equals(here) ? here.relativize(folder).toString() : folder.toString();
    }

    /** The server holding it: embedded (started by {@link #open}) or external. */
    public PostgresServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
    }
}
