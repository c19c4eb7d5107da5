package ai.crawbl.seed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The seed folder's optional {@code manifest.json}: per seed file, what conventions cannot guess. A file without an
 * entry fills the table of its name with the table's one non-primary unique key as natural key, in mode upsert.
 *
 * <pre>{@code
 * {"catalogs": {
 *   "plans.json": {"table": "usage_plans", "key": ["plan_id"], "rename": {"plan_id": "slug"}, "mode": "sync"},
 *   "tools.json": {"references": {"category": "tool_categories"}}}}
 * }</pre>
 *
 * @param files   the entries by seed file name, in manifest order
 * @param located places a problem in the manifest (null without one)
 */
record Manifest(Map<String, Entry> files, Located located) {

    /** The manifest's file name in a seed folder. */
    static final String FILE_NAME = "manifest.json";

    static final Manifest NONE = new Manifest(Map.of(), null);

    /**
     * One file's declaration; every part optional.
     *
     * @param table      the table it fills (default: the file name without {@code .json})
     * @param key        the natural key, as property or column names (default: the table's one unique key)
     * @param rename     property name in the file -> column name
     * @param mode       upsert, insert-only or sync (null: upsert)
     * @param references property -> catalog table whose natural key the value must be (beside the foreign keys)
     * @param require    properties every entry must write out even where the column allows null
     * @param pointer    where the entry is in the manifest, for messages
     */
    record Entry(String table, List<String> key, Map<String, String> rename, Mode mode, Map<String, String> references,
                 List<String> require, String pointer) {
    }

    Entry entry(String file) {
        return files.get(file);
    }

    /** A problem with {@code entry}'s declaration (a table, column or key it names), placed at {@code part} of it. */
    SeedProblem problem(Entry entry, String part, String message) {
        List<SeedProblem> one = new ArrayList<>();
        new Located(located.file(), located.factory(), located.bytes(), one).add(entry.pointer() + (part == null ? "" : "/" + part), message);
        return one.getFirst();
    }

    private static final Set<String> ENTRY_FIELDS = Set.of("table", "key", "rename", "mode", "references", "require");

    /** Reads and checks a manifest; every problem names the manifest's file, line and column. */
    static Manifest read(String file, byte[] bytes, List<SeedProblem> problems) {
        ObjectMapper json = JsonMapper.builder(JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build()).build();
        JsonNode root;
        try {
            root = json.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problems.add(new SeedProblem(file, null, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    "not valid JSON: " + e.getOriginalMessage()));
            return NONE;
        } catch (IOException e) {
            problems.add(new SeedProblem(file, null, 0, 0, "cannot read: " + e.getMessage()));
            return NONE;
        }
        Located located = new Located(file, json.getFactory(), bytes, problems);
        if (root == null || !root.isObject() || !root.path("catalogs").isObject()) {
            located.add("", "expected {\"catalogs\": {\"<file>.json\": {…}}}");
            return NONE;
        }
        root.fieldNames().forEachRemaining(name -> {
            if (!name.equals("catalogs") && !name.equals("$schema")) {
                located.add("/" + CatalogSchema.escape(name), "unknown property \"" + name + "\"; a manifest has \"catalogs\"");
            }
        });
        Map<String, Entry> files = new LinkedHashMap<>();
        root.get("catalogs").fields().forEachRemaining(field -> {
            String at = "/catalogs/" + CatalogSchema.escape(field.getKey());
            Entry entry = entry(field.getValue(), at, located);
            if (!field.getKey().endsWith(".json") || field.getKey().contains("/")) {
                located.add(at, "\"" + field.getKey() + "\" is not a seed file name (a name ending in .json, in this folder)");
            } else if (entry != null) {
                files.put(field.getKey(), entry);
            }
        });
        return new Manifest(files, located);
    }

    private static Entry entry(JsonNode node, String at, Located located) {
        if (!node.isObject()) {
            located.add(at, "expected an object with any of " + String.join(", ", ENTRY_FIELDS.stream().sorted().toList()));
            return null;
        }
        int before = located.problems.size();
        node.fieldNames().forEachRemaining(name -> {
            if (!ENTRY_FIELDS.contains(name)) {
                located.add(at + "/" + CatalogSchema.escape(name), "unknown property \"" + name + "\"; an entry may have "
                        + String.join(", ", ENTRY_FIELDS.stream().sorted().toList()));
            }
        });
        String table = text(node, "table", at, located);
        String modeWord = text(node, "mode", at, located);
        Mode mode = modeWord == null ? null : Mode.of(modeWord);
        if (modeWord != null && mode == null) {
            located.add(at + "/mode", "unknown mode \"" + modeWord + "\"; use upsert, insert-only or sync");
        }
        List<String> key = texts(node, "key", at, located);
        if (key != null && key.isEmpty()) {
            located.add(at + "/key", "a key needs at least one property");
        }
        Entry entry = new Entry(table, key, textMap(node, "rename", at, located), mode, textMap(node, "references", at, located),
                texts(node, "require", at, located), at);
        return located.problems.size() == before ? entry : null;
    }

    private static String text(JsonNode node, String name, String at, Located located) {
        JsonNode value = node.get(name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            located.add(at + "/" + name, "expected a non-empty string");
            return null;
        }
        return value.asText();
    }

    private static List<String> texts(JsonNode node, String name, String at, Located located) {
        JsonNode value = node.get(name);
        if (value == null) {
            return null;
        }
        if (value.isTextual()) {
            return List.of(value.asText());
        }
        List<String> list = new ArrayList<>();
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                if (value.get(i).isTextual()) {
                    list.add(value.get(i).asText());
                } else {
                    located.add(at + "/" + name + "/" + i, "expected a string");
                }
            }
            return list;
        }
        located.add(at + "/" + name, "expected a string or an array of strings");
        return null;
    }

    private static Map<String, String> textMap(JsonNode node, String name, String at, Located located) {
        JsonNode value = node.get(name);
        if (value == null) {
            return Map.of();
        }
        if (!value.isObject()) {
            located.add(at + "/" + name, "expected an object of strings");
            return Map.of();
        }
        Map<String, String> map = new LinkedHashMap<>();
        value.fields().forEachRemaining(field -> {
            if (field.getValue().isTextual()) {
                map.put(field.getKey(), field.getValue().asText());
            } else {
                located.add(at + "/" + name + "/" + CatalogSchema.escape(field.getKey()), "expected a string");
            }
        });
        return map;
    }

    /** Problems of the manifest, each placed at the line and column of its pointer. */
    record Located(String file, JsonFactory factory, byte[] bytes, List<SeedProblem> problems) {
        void add(String pointer, String message) {
            JsonLocation at = JsonPositions.of(factory, bytes).find(pointer);
            problems.add(new SeedProblem(file, pointer, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), message));
        }
    }
}
