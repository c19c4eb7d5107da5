package ai.crawbl.migrations.drift;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The differences between a live database and the one its migrations make, in a stable order: by group, then kind,
 * then name, then property. Empty when the two are equal.
 *
 * <pre>{@code
 * Drift drift = Drift.between(PostgresCatalog.describe(liveConnection, "live"), PostgresCatalog.describe(expectedConnection, "expected"));
 * if (!drift.isEmpty()) throw new IllegalStateException(String.join("\n", drift.lines()));
 * }</pre>
 */
public record Drift(List<Difference> differences) {

    private static final Comparator<Difference> ORDER = Comparator.comparing(Difference::group)
            .thenComparing(Difference::kind).thenComparing(Difference::name)
            .thenComparing(difference -> Objects.toString(difference.property(), ""));

    public Drift {
        differences = differences.stream().sorted(ORDER).toList();
    }

    /** What differs between {@code live} and {@code expected}, every object compared. */
    public static Drift between(DatabaseSchema live, DatabaseSchema expected) {
        return between(live, expected, Ignoring.NOTHING);
    }

    /**
     * What differs between {@code live} and {@code expected}, leaving out what {@code ignoring} names. A table that is
     * missing (or unexpected) is one difference: its columns, constraints and indexes are not listed again.
     */
    public static Drift between(DatabaseSchema live, DatabaseSchema expected, Ignoring ignoring) {
        Map<String, SchemaObject> have = index(live, ignoring);
        Map<String, SchemaObject> want = index(expected, ignoring);
        Set<String> haveOwners = owners(have);
        Set<String> wantOwners = owners(want);
        List<Difference> differences = new ArrayList<>();
        for (SchemaObject wanted : want.values()) {
            SchemaObject found = have.get(wanted.key());
            if (found != null) {
                differences.addAll(changes(found, wanted, ignoring));
            } else if (!isPart(wanted) || haveOwners.contains(wanted.group())) {
                differences.add(difference(wanted, Difference.Change.MISSING, null, null, null));
            }
        }
        for (SchemaObject found : have.values()) {
            if (!want.containsKey(found.key()) && (!isPart(found) || wantOwners.contains(found.group()))) {
                differences.add(difference(found, Difference.Change.UNEXPECTED, null, null, null));
            }
        }
        return new Drift(differences);
    }

    private static List<Difference> changes(SchemaObject found, SchemaObject wanted, Ignoring ignoring) {
        Set<String> properties = new TreeSet<>(found.properties().keySet());
        properties.addAll(wanted.properties().keySet());
        List<Difference> changes = new ArrayList<>();
        for (String property : properties) {
            String is = found.properties().get(property);
            String should = wanted.properties().get(property);
            if (!ignoring.ignoresProperty(property) && !Objects.equals(is, should)) {
                changes.add(difference(found, Difference.Change.CHANGED, property,
                        Objects.requireNonNullElse(is, Difference.NONE), Objects.requireNonNullElse(should, Difference.NONE)));
            }
        }
        return changes;
    }

    /** True when the live database holds exactly what the migrations make (as far as compared). */
    public boolean isEmpty() {
        return differences.isEmpty();
    }

    /** Each difference as one line, e.g. {@code orchestrator.memory_drawers: index memory_drawers_embedding_ivfflat_idx missing}. */
    public List<String> lines() {
        return differences.stream().map(Difference::line).toList();
    }

    /** The differences by the object they are reported under, groups in order. */
    public Map<String, List<Difference>> byGroup() {
        return differences.stream().collect(Collectors.groupingBy(Difference::group, LinkedHashMap::new, Collectors.toList()));
    }

    private static Map<String, SchemaObject> index(DatabaseSchema schema, Ignoring ignoring) {
        return schema.objects().stream().filter(object -> !ignoring.ignores(object))
                .collect(Collectors.toMap(SchemaObject::key, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    /** The groups that are objects themselves on one side: the tables and views whose parts are grouped under them. */
    private static Set<String> owners(Map<String, SchemaObject> objects) {
        return objects.values().stream().filter(object -> !isPart(object)).map(SchemaObject::name).collect(Collectors.toSet());
    }

    /** True for a column, constraint, index or trigger: an object grouped under another. */
    private static boolean isPart(SchemaObject object) {
        return !object.name().equals(object.group());
    }

    private static Difference difference(SchemaObject object, Difference.Change change, String property, String live, String expected) {
        return new Difference(object.group(), object.kind(), object.name(), change, property, live, expected);
    }
}
