package ai.crawbl.migrations.source;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How migration files are named in a folder: PostgreSQL's and ClickHouse's numbering schemes. */
public enum NamingScheme {
    /** {@code NNNNNN_<description>.up.sql}; a {@code .down.sql} beside them is a down migration. */
    POSTGRES(6, ".up.sql", ".down.sql"),
    /** {@code NNN_<description>.sql}. */
    CLICKHOUSE(3, ".sql", null);

    private final int digits;
    private final String suffix;
    private final String downSuffix;
    private final Pattern pattern;

    private static final Pattern LOOKS_NUMBERED = Pattern.compile("\\d+_");

    NamingScheme(int digits, String suffix, String downSuffix) {
        this.digits = digits;
        this.suffix = suffix;
        this.downSuffix = downSuffix;
        this.pattern = Pattern.compile("(\\d{" + digits + "})_([^/\\\\]+?)" + Pattern.quote(suffix));
    }

    /** How many digits a version has in a file name. */
    public int digits() {
        return digits;
    }

    /** The ending of a migration file's name. */
    public String suffix() {
        return suffix;
    }

    /** Version and description parsed from a file name. */
    public record Name(int version, String description) {
    }

    /** The file's version and description, or empty when the name does not follow this scheme. */
    public Optional<Name> parse(String fileName) {
        Matcher matcher = pattern.matcher(fileName);
        return matcher.matches()
                ? Optional.of(new Name(Integer.parseInt(matcher.group(1)), matcher.group(2)))
                : Optional.empty();
    }

    /** True for an SQL file that is meant as a migration (any {@code .sql} but a down file), well named or not. */
    public boolean isCandidate(String fileName) {
        return looksLikeMigration(fileName) && !isDown(fileName);
    }

    /**
     * True for a folder entry that anyone would take for a migration: a name that starts with a number and an
     * underscore, or ends in {@code .sql} in any case, whitespace aside. Such an entry must be a well-named, readable
     * file; anything else (a README, a {@code seed/} folder) is none of the engine's business.
     */
    public boolean looksLikeMigration(String fileName) {
        String name = fileName.strip();
        return LOOKS_NUMBERED.matcher(name).lookingAt() || name.toLowerCase(Locale.ROOT).endsWith(".sql");
    }

    /** Why {@code fileName}, which {@link #looksLikeMigration looks like a migration}, does not parse, and what to do. */
    public String whyNot(String fileName) {
        if (!fileName.equals(fileName.strip())) {
            return "the name begins or ends with whitespace; rename it to " + fileName.strip();
        }
        if (parse(fileName.toLowerCase(Locale.ROOT)).isPresent()) {
            return "the suffix must be " + suffix + " in lower case";
        }
        return "expected " + form();
    }

    /** True for a golang-migrate down file. */
    public boolean isDown(String fileName) {
        return downSuffix != null && fileName.endsWith(downSuffix);
    }

    /** The expected form, for error messages. */
    public String form() {
        return "N".repeat(digits) + "_<description>" + suffix;
    }

    /** A version as file names write it, zero-padded. */
    public String version(int version) {
        return String.format("%0" + digits + "d", version);
    }

    /** The file name of a version, zero-padded. */
    public String format(int version, String description) {
        return String.format("%0" + digits + "d_%s%s", version, description, suffix);
    }
}
