package ai.crawbl.migrations.clickhouse;

import ai.crawbl.migrations.ConnectionTimeouts;
import ai.crawbl.migrations.postgres.Redaction;

import java.util.Map;
import java.util.Objects;

/**
 * Where a ClickHouse server is and who to log in as: a {@code jdbc:clickhouse://} URL, a user and a password.
 * Its {@link #toString()} and every message built from it mask the password, in the fields and in the URL.
 *
 * @param jdbcUrl e.g. {@code jdbc:clickhouse://localhost:8123/default}
 * @param user the user, or empty for the driver's default
 * @param password the password, or empty for none
 * @param timeouts how long to wait for the server ({@link ConnectionTimeouts#DEFAULTS} when null)
 */
public record ClickHouseServer(String jdbcUrl, String user, String password, ConnectionTimeouts timeouts) {

    /** Environment variables read by {@link #fromEnvironment(Map)}. */
    public static final String URL_VARIABLE = "CRAWBL_CLICKHOUSE_URL";
    public static final String USER_VARIABLE = "CRAWBL_CLICKHOUSE_USER";
    public static final String PASSWORD_VARIABLE = "CRAWBL_CLICKHOUSE_PASSWORD";

    /** Checks the URL is a ClickHouse JDBC URL; it is not otherwise changed. */
    public ClickHouseServer {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        timeouts = timeouts == null ? ConnectionTimeouts.DEFAULTS : timeouts;
        if (!jdbcUrl.startsWith("jdbc:clickhouse:") && !jdbcUrl.startsWith("jdbc:ch:")) {
            throw new IllegalArgumentException("not a ClickHouse JDBC URL: " + mask(jdbcUrl, password)
                    + "; expected one like jdbc:clickhouse://localhost:8123/default");
        }
    }

    /** A server waited on with the {@linkplain ConnectionTimeouts#DEFAULTS default timeouts}. */
    public ClickHouseServer(String jdbcUrl, String user, String password) {
        this(jdbcUrl, user, password, ConnectionTimeouts.DEFAULTS);
    }

    /** The same server, waited on as {@code timeouts} say. */
    public ClickHouseServer withTimeouts(ConnectionTimeouts timeouts) {
        return new ClickHouseServer(jdbcUrl, user, password, timeouts);
    }

    /**
     * The server named by {@value #URL_VARIABLE}, logging in as {@value #USER_VARIABLE} with
     * {@value #PASSWORD_VARIABLE} (both optional).
     *
     * @throws IllegalArgumentException if {@value #URL_VARIABLE} is unset or not a ClickHouse JDBC URL
     */
    public static ClickHouseServer fromEnvironment(Map<String, String> environment) {
        String url = environment.get(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(URL_VARIABLE + " is not set; set it to the server's JDBC URL,"
                    + " e.g. jdbc:clickhouse://localhost:8123/default (and " + USER_VARIABLE + ", "
                    + PASSWORD_VARIABLE + " if it needs them)");
        }
        return new ClickHouseServer(url.strip(), environment.get(USER_VARIABLE), environment.get(PASSWORD_VARIABLE));
    }

    /** The URL with any password in it replaced by {@code ****}. */
    public String maskedUrl() {
        return mask(jdbcUrl, password);
    }

    /** {@code text} with this server's password, wherever it appears, replaced by {@code ****}. */
    String mask(String text) {
        return mask(text, password);
    }

    private static String mask(String text, String password) {
        String masked = Redaction.url(text, "****");
        return password.isEmpty() ? masked : masked.replace(password, "****");
    }

    @Override
    public String toString() {
        return "ClickHouseServer[" + maskedUrl() + ", user=" + (user.isEmpty() ? "(default)" : user)
                + ", password=" + (password.isEmpty() ? "(none)" : "****") + "]";
    }
}
