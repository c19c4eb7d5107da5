package ai.crawbl.migrations.postgres;

import ai.crawbl.migrations.ConnectionTimeouts;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Where one PostgreSQL database is reached: a JDBC URL, credentials, and how long to wait for the server.
 * {@link #toString()} never shows the password, so an endpoint can be logged or put into an error message as it is.
 * A URL that pgJDBC would refuse (and log, password and all) is refused here first, with what to change.
 */
public record PostgresEndpoint(String jdbcUrl, String user, String password, ConnectionTimeouts timeouts) {

    private static final String PREFIX = "jdbc:postgresql:";
    private static final Pattern BAD_PERCENT = Pattern.compile("%(?![0-9A-Fa-f]{2})");

    public PostgresEndpoint {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        timeouts = timeouts == null ? ConnectionTimeouts.DEFAULTS : timeouts;
        if (!jdbcUrl.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + Redaction.url(jdbcUrl));
        }
        checkShape(jdbcUrl);
    }

    /** An endpoint waited on with the {@linkplain ConnectionTimeouts#DEFAULTS default timeouts}. */
    public PostgresEndpoint(String jdbcUrl, String user, String password) {
        this(jdbcUrl, user, password, ConnectionTimeouts.DEFAULTS);
    }

    /** The checks of pgJDBC's URL parser, which otherwise logs the whole URL as a warning and refuses it. */
    private static void checkShape(String jdbcUrl) {
        String shown = Redaction.url(jdbcUrl);
        if (BAD_PERCENT.matcher(jdbcUrl).find()) {
            throw new IllegalArgumentException("not a valid PostgreSQL JDBC URL: " + shown
                    + ": a % must start an escape such as %25; percent-encode special characters");
        }
        String rest = jdbcUrl.substring(PREFIX.length());
        int query = rest.indexOf('?');
        String server = query < 0 ? rest : rest.substring(0, query);
        if (!server.startsWith("//")) {
            return;
        }
        String hostsAndDatabase = server.substring(2);
        int slash = hostsAndDatabase.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a valid PostgreSQL JDBC URL: " + shown
                    + ": write the database after the host, e.g. jdbc:postgresql://localhost:5432/crawbl");
        }
        if (hostsAndDatabase.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException("not a valid PostgreSQL JDBC URL: " + shown
                    + ": only one / may follow the host; percent-encode special characters (/ as %2F, @ as %40)");
        }
        for (String host : hostsAndDatabase.substring(0, slash).split(",", -1)) {
            int colon = host.lastIndexOf(':');
            if (colon >= 0 && !host.endsWith("]")) {
                String port = host.substring(colon + 1);
                if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                    throw new IllegalArgumentException("not a valid PostgreSQL JDBC URL: " + shown
                            + ": the port after the host must be a number from 1 to 65535");
                }
            }
        }
    }

    /**
     * Opens a new connection; the caller closes it. It waits at most {@link ConnectionTimeouts#connect()} for the TCP
     * connection, {@link ConnectionTimeouts#login()} for the session, and {@link ConnectionTimeouts#socket()} for any
     * later reply (pgJDBC's {@code connectTimeout}, {@code loginTimeout} and {@code socketTimeout}).
     */
    public Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "crawbl-schema");
        properties.setProperty("connectTimeout", Integer.toString(ConnectionTimeouts.seconds(timeouts.connect())));
        properties.setProperty("loginTimeout", Integer.toString(ConnectionTimeouts.seconds(timeouts.login())));
        properties.setProperty("socketTimeout", Integer.toString(ConnectionTimeouts.seconds(timeouts.socket())));
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    /** The same server and credentials, another database. */
    public PostgresEndpoint withDatabase(String database) {
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        String params = query < 0 ? "" : jdbcUrl.substring(query);
        int slash = base.indexOf('/', "jdbc:postgresql://".length());
        String server = slash < 0 ? base : base.substring(0, slash);
        return new PostgresEndpoint(server + "/" + database + params, user, password, timeouts);
    }

    /** The same database, waited on as {@code timeouts} say. */
    public PostgresEndpoint withTimeouts(ConnectionTimeouts timeouts) {
        return new PostgresEndpoint(jdbcUrl, user, password, timeouts);
    }

    /**
     * {@code text} with every secret masked, and this endpoint's password wherever it appears (when it is long enough
     * not to mask ordinary words).
     */
    public String mask(String text) {
        String masked = Redaction.url(text);
        return masked == null || password == null || password.length() < 4 ? masked : masked.replace(password, "***");
    }

    @Override
    public String toString() {
        return Redaction.url(jdbcUrl) + (user == null ? "" : " as " + user);
    }
}
