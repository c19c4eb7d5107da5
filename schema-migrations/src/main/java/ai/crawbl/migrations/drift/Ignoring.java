package ai.crawbl.migrations.drift;

import java.util.Set;

/**
 * What a drift check leaves out: whole classes of objects by kind ({@code comment} drops every object's comment,
 * any other kind drops objects of that kind, e.g. {@code function}), and named objects (a name as the report shows it,
 * {@code orchestrator.users}, {@code users_email_key}, or a group and a name, {@code orchestrator.users.nickname}; a
 * trailing {@code *} matches any rest).
 */
public record Ignoring(Set<String> kinds, Set<String> objects) {

    /** Leaves nothing out. */
    public static final Ignoring NOTHING = new Ignoring(Set.of(), Set.of());

    public Ignoring {
        kinds = Set.copyOf(kinds);
        objects = Set.copyOf(objects);
    }

    /** True when {@code object} is left out, itself or as a part of a left-out group. */
    boolean ignores(SchemaObject object) {
        if (kinds.contains(object.kind())) {
            return true;
        }
        return objects.stream().anyMatch(pattern -> matches(pattern, object.group()) || matches(pattern, object.name())
                || matches(pattern, object.group() + "." + object.name()));
    }

    /** True when properties named {@code property} are left out. */
    boolean ignoresProperty(String property) {
        return kinds.contains(property);
    }

    private static boolean matches(String pattern, String name) {
        return pattern.endsWith("*") ? name.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(name);
    }
}
