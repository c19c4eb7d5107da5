package ai.crawbl.migrations.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Where one PostgreSQL database is reached: a JDBC URL and credentials. {@link #toString()} never shows the
 * password, so an endpoint can be logged or put into an error message as it is.
 */
public record PostgresEndpoint(String jdbcUrl, String user, String password) {

    public PostgresEndpoint {
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + Redaction.url(jdbcUrl));
        }
    }

    /** Opens a new connection; the caller closes it. */
    public Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "crawbl-schema");
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    /** The same server and credentials, another database. */
    public PostgresEndpoint withDatabase(String database) {
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        String params = query < 0 ? "" : jdbcUrl.substring(query);
        int slash = base.indexOf('/', "jdbc:postgresql://".length());
        String server = slash < 0 ? base : base.substring(0, slash);
        return new PostgresEndpoint(server + "/" + database + params, user, password);
    }

    @Override
    public String toString() {
        return Redaction.url(jdbcUrl) + (user == null ? "" : " as " + user);
    }
}
