package ai.crawbl.seed;

/**
 * The database refused the load, or was not in a state to receive it (behind on migrations, unreachable, a row
 * still referenced). The transaction was rolled back: nothing was written. The message says what to do.
 */
public final class SeedException extends RuntimeException {

    public SeedException(String message) {
        super(message);
    }

    public SeedException(String message, Throwable cause) {
        super(message, cause);
    }
}
