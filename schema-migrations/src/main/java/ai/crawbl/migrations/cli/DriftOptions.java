package ai.crawbl.migrations.cli;

import ai.crawbl.migrations.drift.Ignoring;
import ai.crawbl.migrations.drift.PostgresDriftCheck.Scratch;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The options of a drift check: where the throwaway database lives, what is left out, and at which version. */
public final class DriftOptions {

    /** The kinds of object a drift check compares, as {@code --ignore} takes them ({@code -} for a space). */
    static final List<String> KINDS = List.of("schema", "extension", "table", "column", "constraint", "index", "trigger",
            "sequence", "view", "materialized-view", "function", "procedure", "aggregate", "enum", "domain", "type",
            "foreign-table", "dictionary", "comment");

    @Option(names = "--scratch", paramLabel = "embedded|same-server", converter = ScratchConverter.class,
            description = "Where the migrations are applied to compare with: a throwaway embedded PostgreSQL, or a scratch"
                    + " database on the live server, dropped afterwards (needs CREATEDB). Default: the throwaway cluster for a server"
                    + " this toolkit did not start; for its own embedded cluster, a database kept beside it for the next diff.")
    Scratch scratch;

    @Option(names = "--ignore", paramLabel = "KIND", split = ",", converter = KindConverter.class,
            description = "Leave out a class of objects (repeatable, or comma-separated): schema, extension, table, column, constraint,"
                    + " index, trigger, sequence, view, materialized-view, function, procedure, aggregate, enum, domain, type,"
                    + " foreign-table, dictionary, or comment (every object's comment). Grants and owners are never compared.")
    List<String> kinds = List.of();

    @Option(names = "--ignore-object", paramLabel = "NAME", split = ",",
            description = "Leave out an object as the report names it (repeatable): orchestrator.users, users_email_key,"
                    + " orchestrator.users.nickname; a trailing * matches any rest.")
    List<String> objects = List.of();

    @Option(names = "--at-version", paramLabel = "N",
            description = "Compare with the migrations up to this version instead of the version the live history records.")
    Integer version;

    /** What is left out. */
    public Ignoring ignoring() {
        Set<String> named = new HashSet<>();
        kinds.forEach(kind -> named.add(kind.replace('-', ' ')));
        return new Ignoring(named, Set.copyOf(objects));
    }

    /** The scratch option as given, or {@code fallback}. */
    public Scratch scratch(Scratch fallback) {
        return scratch != null ? scratch : fallback;
    }

    /** The version to compare at, or null for the history's. */
    public Integer version() {
        return version;
    }

    static final class ScratchConverter implements ITypeConverter<Scratch> {
        @Override
        public Scratch convert(String value) {
            return switch (value) {
                case "embedded" -> Scratch.EMBEDDED;
                case "same-server" -> Scratch.SAME_SERVER;
                default -> throw new TypeConversionException("expected embedded or same-server, not '" + value + "'");
            };
        }
    }

    static final class KindConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String kind = value.strip().toLowerCase(Locale.ROOT).replace(' ', '-');
            if (!KINDS.contains(kind)) {
                throw new TypeConversionException("'" + value + "' is not a kind of object a drift check compares; one of " + KINDS
                        + (kind.startsWith("grant") ? " (grants are never compared)" : ""));
            }
            return kind;
        }
    }
}
