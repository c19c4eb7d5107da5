package ai.crawbl.seed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Reads one seed file against its catalog in one streaming pass: well-formed JSON without repeated property names,
 * a bare array of entries or the wrapped form ({@code {"$schema": …, "tools": [...]}}), each value of its column's
 * JSON type and within its length and CHECK bounds, no NUL in text, every required property given, no unknown
 * property, each natural key once. The rules are the ones the catalog's derived JSON Schema states, checked without
 * building a tree, so a 25 MB file is read in one pass. Problems name the file, the pointer, the line and column.
 */
final class SeedFileReader {

    /** At most this many problems are reported for one file; the rest would repeat them. */
    private static final int MAX_PROBLEMS = 20;

    /** A factory with a codec, so a {@code jsonb} column's value can be read as a tree. */
    private final JsonFactory factory = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build()).getFactory();

    /** The outcome of reading one file. */
    sealed interface Outcome {
    }

    record Valid(SeedFile file) implements Outcome {
    }

    record Invalid(List<SeedProblem> problems) implements Outcome {
        Invalid {
            problems = List.copyOf(problems);
        }
    }

    /** Stops the pass when a file has more problems than are worth showing. */
    private static final class Enough extends RuntimeException {
        Enough() {
            super(null, null, false, false);
        }
    }

    Outcome read(Catalog catalog, String file, String layer, byte[] bytes) {
        String stem = file.substring(file.lastIndexOf('/') + 1).replace(".json", "");
        Pass pass = new Pass(catalog, file, layer, bytes);
        try (JsonParser parser = factory.createParser(bytes)) {
            pass.document(parser, stem);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            return new Invalid(List.of(new SeedProblem(file, null, at == null ? 0 : at.getLineNr(),
                    at == null ? 0 : at.getColumnNr(), "not valid JSON: " + e.getOriginalMessage())));
        } catch (IOException e) {
            return new Invalid(List.of(new SeedProblem(file, null, 0, 0, "cannot read: " + e.getMessage())));
        } catch (Enough e) {
            // MAX_PROBLEMS reached.
        }
        return pass.problems.isEmpty() ? new Valid(pass.seedFile()) : new Invalid(pass.problems);
    }

    /** One reading of one file. */
    private static final class Pass {
        private final Catalog catalog;
        private final String file;
        private final String layer;
        private final byte[] bytes;
        private final Map<String, Integer> propertyIndex = new HashMap<>();
        private final List<SeedFile.Entry> entries = new ArrayList<>();
        private final Map<String, Integer> firstIndex = new HashMap<>();
        private final List<SeedProblem> problems = new ArrayList<>();
        private final int[] keyIndexes;
        private String prefix = "";
        private JsonPositions positions;

        Pass(Catalog catalog, String file, String layer, byte[] bytes) {
            this.catalog = catalog;
            this.file = file;
            this.layer = layer;
            this.bytes = bytes;
            for (int i = 0; i < catalog.properties().size(); i++) {
                propertyIndex.put(catalog.properties().get(i).name(), i);
            }
            keyIndexes = catalog.keyProperties().stream().mapToInt(p -> catalog.properties().indexOf(p)).toArray();
        }

        SeedFile seedFile() {
            return new SeedFile(catalog, file, layer, prefix, entries, bytes);
        }

        void document(JsonParser parser, String stem) throws IOException {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.START_ARRAY) {
                entries(parser);
            } else if (token == JsonToken.START_OBJECT) {
                boolean found = false;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if ((name.equals(catalog.name()) || name.equals(stem)) && !found) {
                        prefix = "/" + CatalogSchema.escape(name);
                        found = true;
                        if (value != JsonToken.START_ARRAY) {
                            add(prefix, ValueKind.found(value) + " found, array expected");
                            parser.skipChildren();
                        } else {
                            entries(parser);
                        }
                    } else if (name.equals("$schema")) {
                        if (value != JsonToken.VALUE_STRING) {
                            add("/$schema", ValueKind.found(value) + " found, string expected");
                        }
                        parser.skipChildren();
                    } else {
                        add("/" + CatalogSchema.escape(name), "unknown property \"" + name + "\"; the file holds \"$schema\" and \""
                                + catalog.name() + "\"");
                        parser.skipChildren();
                    }
                }
                if (!found && problems.isEmpty()) {
                    add("", "required property '" + catalog.name() + "' not found");
                }
            } else {
                problems.add(new SeedProblem(file, "", 1, 1, "expected an object {\"" + catalog.name()
                        + "\": [...]} or an array of entries"));
                return;
            }
            if (parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                problems.add(new SeedProblem(file, null, at.getLineNr(), at.getColumnNr(),
                        "not valid JSON: content after the end of the document"));
            }
        }

        private void entries(JsonParser parser) throws IOException {
            int index = 0;
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == JsonToken.START_OBJECT) {
                    entry(parser, index);
                } else {
                    add(prefix + "/" + index, ValueKind.found(token) + " found, object expected");
                    parser.skipChildren();
                }
                index++;
            }
            if (index == 0) {
                add(prefix, "must have at least 1 items; to leave the catalog alone, delete the file");
            }
        }

        private void entry(JsonParser parser, int index) throws IOException {
            Object[] values = new Object[catalog.properties().size()];
            Arrays.fill(values, SeedFile.ABSENT);
            boolean ok = true;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                Integer at = propertyIndex.get(name);
                if (at == null) {
                    add(pointer(index, name), "unknown property \"" + name + "\": orchestrator." + catalog.name()
                            + " has no such column; an entry may have " + names());
                    parser.skipChildren();
                    ok = false;
                    continue;
                }
                Catalog.Property property = catalog.properties().get(at);
                if (token == JsonToken.VALUE_NULL) {
                    if (!property.column().nullable()) {
                        add(pointer(index, name), "null found, " + property.kind().jsonType + " expected");
                        ok = false;
                    }
                    values[at] = null;
                    continue;
                }
                try {
                    Object value = property.kind().read(parser);
                    check(property, value);
                    values[at] = value;
                } catch (ValueKind.Refused refused) {
                    values[at] = null;
                    add(pointer(index, name), refused.getMessage());
                    parser.skipChildren();
                    ok = false;
                }
            }
            for (int i = 0; i < values.length; i++) {
                Catalog.Property property = catalog.properties().get(i);
                if (values[i] == SeedFile.ABSENT && (property.required() || keyIndex(i))) {
                    add(prefix + "/" + index, "required property '" + property.name() + "' not found");
                    ok = false;
                }
            }
            if (!ok) {
                return;
            }
            String key = key(values);
            Integer earlier = firstIndex.putIfAbsent(key, index);
            if (earlier != null) {
                String what = keyIndexes.length == 1 ? catalog.properties().get(keyIndexes[0]).name() : "key";
                String first = keyIndexes.length == 1 ? pointer(earlier, what) : prefix + "/" + earlier;
                add(keyIndexes.length == 1 ? pointer(index, what) : prefix + "/" + index, "duplicate " + what + " \"" + key
                        + "\": entry " + earlier + " (" + first + lineOf(first) + ") has it too; each " + what + " may appear once");
                return;
            }
            entries.add(new SeedFile.Entry(index, key, values));
        }

        private boolean keyIndex(int property) {
            for (int k : keyIndexes) {
                if (k == property) {
                    return true;
                }
            }
            return false;
        }

        private String key(Object[] values) {
            if (keyIndexes.length == 1) {
                return ValueKind.text(values[keyIndexes[0]]);
            }
            StringJoiner key = new StringJoiner("/");
            for (int k : keyIndexes) {
                key.add(ValueKind.text(values[k]));
            }
            return key.toString();
        }

        private static void check(Catalog.Property property, Object value) throws ValueKind.Refused {
            Column column = property.column();
            if (value instanceof String text && property.reference() == null) {
                if (!column.nullable() && text.isEmpty()) {
                    throw new ValueKind.Refused("must be at least 1 characters long");
                }
                if (column.maxLength() > 0 && text.codePointCount(0, text.length()) > column.maxLength()) {
                    throw new ValueKind.Refused("must be at most " + column.maxLength() + " characters long");
                }
            }
            if (value instanceof Number number && !column.bounds().isEmpty()) {
                BigDecimal decimal = number instanceof BigDecimal d ? d : new BigDecimal(number.toString());
                for (Column.Bound bound : column.bounds()) {
                    if (!bound.admits(decimal)) {
                        throw new ValueKind.Refused(bound.describe());
                    }
                }
            }
        }

        private String names() {
            return String.join(", ", catalog.properties().stream().map(Catalog.Property::name).toList());
        }

        private String pointer(int index, String property) {
            return prefix + "/" + index + "/" + CatalogSchema.escape(property);
        }

        private void add(String pointer, String message) {
            JsonLocation at = positions().find(pointer);
            problems.add(new SeedProblem(file, pointer, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), message));
            if (problems.size() == MAX_PROBLEMS) {
                throw new Enough();
            }
        }

        private String lineOf(String pointer) {
            JsonLocation at = positions().find(pointer);
            return at == null ? "" : ", line " + at.getLineNr();
        }

        private JsonPositions positions() {
            if (positions == null) {
                positions = JsonPositions.of(new JsonFactory(), bytes);
            }
            return positions;
        }
    }
}
