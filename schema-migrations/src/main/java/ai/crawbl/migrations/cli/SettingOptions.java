package ai.crawbl.migrations.cli;

import ai.crawbl.migrations.MigrationException;
import ai.crawbl.migrations.MigrationException.Setting;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Names, for a person at a command line, the options behind the {@link MigrationException#settings() settings} that
 * the library's messages name only in words: each of the toolkit's command-line tools appends them to the failures
 * it prints, with the options it offers.
 */
public final class SettingOptions {

    /** The options of {@code schema-migrations} that set each setting. */
    public static final Map<Setting, String> SCHEMA_MIGRATIONS = Map.of(
            Setting.CONNECT_TIMEOUT, "--connect-timeout",
            Setting.LOGIN_TIMEOUT, "--login-timeout",
            Setting.LOCK_WAIT, "--lock-wait",
            Setting.FORCE_REPAIR, "repair --force",
            Setting.IGNORE_DOWN, "--ignore-down",
            Setting.EMBEDDED_DATA, "--embedded-data");

    private SettingOptions() {
    }

    /**
     * {@code message} followed by the options, among {@code options}, that set the settings of every {@link
     * MigrationException} in {@code failure}'s chain of causes, in the order the failures name them; {@code message}
     * alone when there are none.
     */
    public static String withOptions(String message, Throwable failure, Map<Setting, String> options) {
        Set<String> named = new LinkedHashSet<>();
        for (Throwable each = failure; each != null; each = each.getCause() == each ? null : each.getCause()) {
            if (each instanceof MigrationException migrationFailure) {
                for (Setting setting : migrationFailure.settings()) {
                    if (options.containsKey(setting)) {
                        named.add(options.get(setting));
                    }
                }
            }
        }
        return named.isEmpty() ? message
                : message + " (" + (named.size() == 1 ? "option " : "options ") + String.join(", ", named) + ")";
    }
}
