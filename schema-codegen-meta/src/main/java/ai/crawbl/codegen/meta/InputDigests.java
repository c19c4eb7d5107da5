package ai.crawbl.codegen.meta;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Digests of a generation's inputs by name (e.g. {@code migrations}, {@code configuration}, or a build's declared
 * files), kept in the {@link GenerationRecord} so that a step that does not skip can say which input changed.
 * Written as {@code name=digest} pairs separated by {@code ;}.
 *
 * @param byName digests in the order the inputs were read
 */
public record InputDigests(Map<String, String> byName) {

    public InputDigests {
        byName = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    /** None at all, as before anything was recorded. */
    public static final InputDigests NONE = new InputDigests(Map.of());

    /** Reads the form {@link #toString()} writes; anything unreadable is {@link #NONE}. */
    public static InputDigests parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        Map<String, String> byName = new LinkedHashMap<>();
        for (String pair : text.trim().split(";")) {
            int equals = pair.lastIndexOf('=');
            if (equals <= 0) {
                return NONE;
            }
            byName.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return new InputDigests(byName);
    }

    /** True when nothing is recorded. */
    public boolean isEmpty() {
        return byName.isEmpty();
    }

    /** The names of the inputs whose digests differ from {@code before}'s (new and removed ones included). */
    public List<String> changedSince(InputDigests before) {
        List<String> changed = new ArrayList<>();
        byName.forEach((name, digest) -> {
            if (!Objects.equals(digest, before.byName.get(name))) {
                changed.add(name);
            }
        });
        before.byName.keySet().stream().filter(name -> !byName.containsKey(name)).forEach(changed::add);
        return changed;
    }

    /** Why a step that compares these with {@code before} does not skip, in words. */
    public String reasonSince(InputDigests before) {
        if (before.isEmpty()) {
            return "nothing recorded yet";
        }
        List<String> changed = changedSince(before);
        return changed.isEmpty() ? "inputs unchanged" : String.join(", ", changed) + " changed";
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        byName.forEach((name, digest) -> text.append(text.isEmpty() ? "" : ";").append(name).append('=').append(digest));
        return text.toString();
    }
}
