package ai.crawbl.migrations.clickhouse;

import ai.crawbl.migrations.MigrationException;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ClickHouse target failed. When ClickHouse itself refused a statement the message is ClickHouse's own
 * ({@code Code: 60. DB::Exception: ... (UNKNOWN_TABLE)}) and {@link #code()} and {@link #errorName()} say which
 * error it was; when the target could not be reached or started, the message says what is missing and the
 * code is empty. Like every failure of the toolkit it is a {@link MigrationException}, whose message is for people.
 */
public final class ClickHouseException extends MigrationException {

    private static final long serialVersionUID = 1L;
    private static final Pattern CODE = Pattern.compile("Code: (\\d+)\\.");
    private static final Pattern NAME = Pattern.compile("\\(([A-Z][A-Z0-9_]+)\\)(?: \\(version .*\\))?\\s*$");

    private final Integer code;
    private final String errorName;

    private ClickHouseException(String message, Integer code, String errorName, Throwable cause) {
        this(message, code, errorName, cause, List.of());
    }

    private ClickHouseException(String message, Integer code, String errorName, Throwable cause, List<Setting> settings) {
        super(message, cause, settings);
        this.code = code;
        this.errorName = errorName;
    }

    /**
     * The exception for a message ClickHouse produced; its code and error name are read from the message
     * itself, the way ClickHouse writes them ({@code Code: 60. ... (UNKNOWN_TABLE)}).
     */
    static ClickHouseException fromClickHouse(String message, Throwable cause) {
        String trimmed = message.strip();
        Matcher code = CODE.matcher(trimmed);
        Matcher name = NAME.matcher(trimmed);
        return new ClickHouseException(trimmed,
                code.find() ? Integer.valueOf(code.group(1)) : null,
                name.find() ? name.group(1) : null,
                cause);
    }

    /** The exception for a server error whose code the driver already reported separately. */
    static ClickHouseException fromClickHouse(String message, int code, Throwable cause) {
        ClickHouseException parsed = fromClickHouse(message, cause);
        return new ClickHouseException(parsed.getMessage(), code, parsed.errorName, cause);
    }

    /** The exception for a failure outside ClickHouse: a missing library, an unreachable server. */
    static ClickHouseException unavailable(String message, Throwable cause) {
        return unavailable(message, cause, List.of());
    }

    /** {@link #unavailable(String, Throwable)} that changing one of {@code settings} can get past. */
    static ClickHouseException unavailable(String message, Throwable cause, List<Setting> settings) {
        return new ClickHouseException(message, null, null, cause, settings);
    }

    /** ClickHouse's numeric error code (60 for an unknown table), when ClickHouse reported one. */
    public OptionalInt code() {
        return code == null ? OptionalInt.empty() : OptionalInt.of(code);
    }

    /** ClickHouse's symbolic error name ({@code UNKNOWN_TABLE}), when ClickHouse reported one. */
    public Optional<String> errorName() {
        return Optional.ofNullable(errorName);
    }
}
