package ai.crawbl.seed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one seed file into a {@link SeedFile}: well-formed JSON without repeated property names, in the wrapped
 * form ({@code {"$schema": …, "tools": [...]}}) or a bare array of entries, valid against the catalog's JSON
 * Schema, each entry a valid typed record, each natural key once. Every problem found is reported, with the file,
 * the JSON pointer and the line and column.
 */
public final class SeedFileReader {

    /** At most this many problems are reported for one file; the rest would repeat them. */
    private static final int MAX_PROBLEMS = 20;

    private final ObjectMapper mapper;
    private final CatalogSchema schemas;

    private SeedFileReader(ObjectMapper mapper, CatalogSchema schemas) {
        this.mapper = mapper;
        this.schemas = schemas;
    }

    /** A reader with the packaged schemas loaded. */
    public static SeedFileReader create() {
        ObjectMapper mapper = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        return new SeedFileReader(mapper, CatalogSchema.load(mapper));
    }

    /** The outcome of reading one file. */
    public sealed interface Outcome<E extends CatalogEntry> {
    }

    public record Valid<E extends CatalogEntry>(SeedFile<E> file) implements Outcome<E> {
    }

    public record Invalid<E extends CatalogEntry>(List<SeedProblem> problems) implements Outcome<E> {
        public Invalid {
            problems = List.copyOf(problems);
        }
    }

    /** Reads {@code bytes} as {@code catalog}'s file, named {@code file} in problems. */
    public <E extends CatalogEntry> Outcome<E> read(Catalog catalog, String file, byte[] bytes, Class<E> entryType) {
        if (entryType != catalog.entryType()) {
            throw new IllegalArgumentException(catalog + " entries are " + catalog.entryType().getSimpleName());
        }
        JsonNode root;
        try {
            root = mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            return new Invalid<>(List.of(new SeedProblem(file, null, at == null ? 0 : at.getLineNr(),
                    at == null ? 0 : at.getColumnNr(), "not valid JSON: " + e.getOriginalMessage())));
        } catch (IOException e) {
            return new Invalid<>(List.of(new SeedProblem(file, null, 0, 0, "cannot read: " + e.getMessage())));
        }
        Problems problems = new Problems(file, bytes);
        JsonNode entries;
        String prefix;
        ObjectNode document;
        if (root != null && root.isArray()) {
            entries = root;
            prefix = "";
            document = mapper.createObjectNode();
            document.set(catalog.key(), root);
        } else if (root != null && root.isObject()) {
            entries = root.get(catalog.key());
            prefix = "/" + catalog.key();
            document = (ObjectNode) root;
        } else {
            return new Invalid<>(List.of(new SeedProblem(file, "", 1, 1, "expected an object {\"" + catalog.key()
                    + "\": [...]} or an array of entries")));
        }
        String wrapped = "/" + catalog.key();
        for (CatalogSchema.Violation violation : schemas.violations(catalog, document)) {
            // In a bare array the schema's /tools/3 is the file's /3.
            String pointer = prefix.isEmpty() && violation.pointer().startsWith(wrapped)
                    ? violation.pointer().substring(wrapped.length()) : violation.pointer();
            problems.add(pointer, violation.message());
        }
        if (!problems.isEmpty()) {
            return new Invalid<>(problems.list());
        }
        List<E> typed = new ArrayList<>();
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String at = prefix + "/" + i;
            E entry;
            try {
                entry = mapper.treeToValue(entries.get(i), entryType);
            } catch (JsonMappingException e) {
                problems.add(at + mappingPointer(e), e.getOriginalMessage());
                continue;
            } catch (JsonProcessingException e) {
                problems.add(at, e.getOriginalMessage());
                continue;
            } catch (IllegalArgumentException e) {
                problems.add(at, e.getMessage());
                continue;
            }
            Integer earlier = firstIndex.putIfAbsent(entry.naturalKey(), i);
            if (earlier != null) {
                String first = prefix + "/" + earlier + "/" + catalog.naturalKey();
                problems.add(at + "/" + catalog.naturalKey(), "duplicate " + catalog.naturalKey() + " \"" + entry.naturalKey()
                        + "\": entry " + earlier + " (" + first + problems.lineOf(first) + ") has it too; each "
                        + catalog.naturalKey() + " may appear once");
                continue;
            }
            typed.add(entry);
        }
        return problems.isEmpty() ? new Valid<>(new SeedFile<>(catalog, file, typed)) : new Invalid<>(problems.list());
    }

    /** The pointer inside the entry that a mapping error names, e.g. {@code /sort_order}. */
    private static String mappingPointer(JsonMappingException e) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                pointer.append('/').append(CatalogSchema.escape(reference.getFieldName()));
            } else if (reference.getIndex() >= 0) {
                pointer.append('/').append(reference.getIndex());
            }
        }
        return pointer.toString();
    }

    /** Problems of one file, positioned lazily from an index of the file built on the first one. */
    private final class Problems {
        private final String file;
        private final byte[] bytes;
        private final List<SeedProblem> list = new ArrayList<>();
        private JsonPositions positions;

        Problems(String file, byte[] bytes) {
            this.file = file;
            this.bytes = bytes;
        }

        void add(String pointer, String message) {
            if (list.size() == MAX_PROBLEMS) {
                return;
            }
            JsonLocation at = positions().find(pointer);
            list.add(new SeedProblem(file, pointer, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), message));
        }

        String lineOf(String pointer) {
            JsonLocation at = positions().find(pointer);
            return at == null ? "" : ", line " + at.getLineNr();
        }

        private JsonPositions positions() {
            if (positions == null) {
                JsonFactory factory = mapper.getFactory();
                positions = JsonPositions.of(factory, bytes);
            }
            return positions;
        }

        boolean isEmpty() {
            return list.isEmpty();
        }

        List<SeedProblem> list() {
            return list;
        }
    }
}
