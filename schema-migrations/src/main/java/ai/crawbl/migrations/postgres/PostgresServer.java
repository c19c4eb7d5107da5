package ai.crawbl.migrations.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL server the toolkit can reach: embedded, external or in a container. Closing it releases what this
 * object started (an external server is left running).
 */
public interface PostgresServer extends AutoCloseable {

    /** The endpoint of one database on this server. */
    PostgresEndpoint endpoint(String database);

    /** The database a connection lands in when none is named. */
    String defaultDatabase();

    /** The endpoint of {@link #defaultDatabase()}. */
    default PostgresEndpoint endpoint() {
        return endpoint(defaultDatabase());
    }

    /**
     * Creates a database, copied from {@code template} when it is not null. Names are quoted as identifiers, so
     * any name PostgreSQL accepts works.
     */
    default void createDatabase(String name, String template) throws SQLException {
        try (Connection connection = endpoint().connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + Identifiers.quote(name)
                    + (template == null ? "" : " TEMPLATE " + Identifiers.quote(template)));
        }
    }

    /** Drops a database if it exists, ending its other sessions first. */
    default void dropDatabase(String name) throws SQLException {
        try (Connection connection = endpoint().connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(name) + " WITH (FORCE)");
        }
    }

    @Override
    void close();
}
