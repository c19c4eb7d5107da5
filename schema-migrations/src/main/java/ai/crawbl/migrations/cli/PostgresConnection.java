package ai.crawbl.migrations.cli;

import ai.crawbl.migrations.postgres.EmbeddedPostgres;
import ai.crawbl.migrations.postgres.ExternalPostgres;
import ai.crawbl.migrations.postgres.PostgresEndpoint;
import ai.crawbl.migrations.postgres.PostgresServer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * Which PostgreSQL the CLI talks to, in order: {@code --url}, {@code CRAWBL_DATABASE_URL}, libpq's {@code PG*}
 * variables, or else the project's persistent embedded cluster (started for this run, stopped at its end).
 */
final class PostgresConnection implements AutoCloseable {

    /** The database the embedded cluster migrates. */
    static final String EMBEDDED_DATABASE = "crawbl";

    private final PostgresServer server;
    private final PostgresEndpoint endpoint;

    private PostgresConnection(PostgresServer server, PostgresEndpoint endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    static PostgresConnection open(String url, Path embeddedData, Map<String, String> env) {
        if (url == null || url.isBlank()) {
            url = env.get("CRAWBL_DATABASE_URL");
        }
        if (url != null && !url.isBlank()) {
            ExternalPostgres server = ExternalPostgres.fromUrl(url, env);
            return new PostgresConnection(server, server.endpoint());
        }
        var fromEnvironment = ExternalPostgres.fromEnvironment(env);
        if (fromEnvironment.isPresent()) {
            return new PostgresConnection(fromEnvironment.get(), fromEnvironment.get().endpoint());
        }
        EmbeddedPostgres embedded = EmbeddedPostgres.persistent(embeddedData != null ? embeddedData : EmbeddedPostgres.dataDirectoryFor(Path.of(""))).start();
        try {
            createDatabaseIfMissing(embedded);
        } catch (SQLException e) {
            embedded.close();
            throw new IllegalStateException("cannot create database " + EMBEDDED_DATABASE + " on " + embedded + ": " + e.getMessage(), e);
        }
        return new PostgresConnection(embedded, embedded.endpoint(EMBEDDED_DATABASE));
    }

    private static void createDatabaseIfMissing(PostgresServer server) throws SQLException {
        try (Connection connection = server.endpoint().connect();
             PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, EMBEDDED_DATABASE);
            try (ResultSet rs = query.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        server.createDatabase(EMBEDDED_DATABASE, null);
    }

    PostgresEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        server.close();
    }
}
