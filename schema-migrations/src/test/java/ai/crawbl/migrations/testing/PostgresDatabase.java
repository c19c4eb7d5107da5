package ai.crawbl.migrations.testing;

import ai.crawbl.migrations.postgres.PostgresEndpoint;
import ai.crawbl.migrations.postgres.PostgresServer;

import java.sql.Connection;
import java.sql.SQLException;

/** One test class's own database on the shared embedded server; pgvector is already installed in it. */
public record PostgresDatabase(PostgresServer server, String name) {

    public PostgresEndpoint endpoint() {
        return server.endpoint(name);
    }

    public Connection connect() throws SQLException {
        return endpoint().connect();
    }
}
