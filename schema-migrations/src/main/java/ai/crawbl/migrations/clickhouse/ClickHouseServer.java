package ai.crawbl.migrations.clickhouse;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a ClickHouse server is and who to log in as: a {@code jdbc:clickhouse://} URL, a user and a password.
 * Its {@link #toString()} and every message built from it mask the password, in the fields and in the URL.
 *
 * @param jdbcUrl e.g. {@code jdbc:clickhouse://localhost:8123/default}
 * @param user the user, or empty for the driver's default
 * @param password the password, or empty for none
 */
public record ClickHouseServer(String jdbcUrl, String user, String password) {

    /** Environment variables read by {@link #fromEnvironment(Map)}. */
    public static final String URL_VARIABLE = "CRAWBL_CLICKHOUSE_URL";
    public static final String USER_VARIABLE = "CRAWBL_CLICKHOUSE_USER";
    public static final String PASSWORD_VARIABLE = "CRAWBL_CLICKHOUSE_PASSWORD";

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&;]password=)[^&;#]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:]*:)[^/@]*@");

    /** Checks the URL is a ClickHouse JDBC URL; it is not otherwise changed. */
    public ClickHouseServer {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        if (!jdbcUrl.startsWith("jdbc:clickhouse:") && !jdbcUrl.startsWith("jdbc:ch:")) {
            throw new IllegalArgumentException("not a ClickHouse JDBC URL: " + mask(jdbcUrl, password)
                    + "; expected one like jdbc:clickhouse://localhost:8123/default");
        }
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
        String masked = PASSWORD_PARAMETER.matcher(text).replaceAll("$1****");
        masked = USER_INFO.matcher(masked).replaceAll("$1****@");
        return password.isEmpty() ? masked : masked.replace(password, "****");
    }

    @Override
    public String toString() {
        return "ClickHouseServer[" + maskedUrl() + ", user=" + (user.isEmpty() ? "(default)" : user)
                + ", password=" + (password.isEmpty() ? "(none)" : "****") + "]";
    }
}
