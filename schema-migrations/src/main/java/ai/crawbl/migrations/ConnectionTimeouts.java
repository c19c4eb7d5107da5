package ai.crawbl.migrations;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a client waits on a database server, so that one which accepts a connection and never answers fails the
 * command instead of hanging it. {@link Duration#ZERO} means no limit.
 *
 * @param connect how long to wait for the TCP connection to open
 * @param login   how long establishing a session may take in all (TLS, authentication, the first answer)
 * @param socket  how long to wait for any one reply afterwards; none by default, since a migration statement such as
 *                an index build may rightly run for hours (the server-side statement and lock timeouts bound those)
 */
public record ConnectionTimeouts(Duration connect, Duration login, Duration socket) {

    /** Connect 10 s, login 30 s, no socket timeout. */
    public static final ConnectionTimeouts DEFAULTS = new ConnectionTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ZERO);

    public ConnectionTimeouts {
        for (Duration each : new Duration[] {Objects.requireNonNull(connect, "connect"), Objects.requireNonNull(login, "login"),
                Objects.requireNonNull(socket, "socket")}) {
            if (each.isNegative()) {
                throw new IllegalArgumentException("a timeout cannot be negative: " + each);
            }
        }
    }

    /** Whole seconds, rounded up, as drivers that count in seconds take them; 0 for none. */
    public static int seconds(Duration timeout) {
        return (int) Math.min(Integer.MAX_VALUE, (timeout.toMillis() + 999) / 1000);
    }

    /** Milliseconds, as drivers that count in milliseconds take them; 0 for none. */
    public static int millis(Duration timeout) {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }
}
