package ai.crawbl.seed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;

/**
 * The JSON Schema (draft 2020-12) of a catalog's seed file, derived from its table: each column the loader writes is
 * a property of its JSON type; required are the NOT NULL columns without a default (and those the manifest
 * requires); text columns have their declared length, numbers the bounds their CHECK constraints state; a reference
 * lists the referenced catalog's keys when there are few. The loader checks files by the same rules
 * ({@link SeedFileReader}); this document is for editors and reviewers, written beside the files by
 * {@code seed-loader schema --write}.
 */
public final class CatalogSchema {

    /** Where the packaged seed files and schemas live on the classpath. */
    static final String PACKAGED = "ai/crawbl/seed/catalogs/";

    /** References to catalogs of at most this many keys list them as an {@code enum}. */
    static final int ENUM_LIMIT = 64;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CatalogSchema() {
    }

    /** The schema's file name beside a seed file: {@code tools.json} -> {@code tools.schema.json}. */
    public static String fileName(String seedFile) {
        return seedFile.substring(0, seedFile.length() - ".json".length()) + ".schema.json";
    }

    /** The schema of {@code catalog}'s file, as text ending in a newline; references list the keys {@code seeds} has. */
    public static String derive(Catalog catalog, Seeds seeds) {
        ObjectNode entry = NODES.objectNode();
        entry.put("type", "object");
        entry.put("additionalProperties", false);
        ArrayNode required = entry.putArray("required");
        ObjectNode properties = entry.putObject("properties");
        for (Catalog.Property property : catalog.properties()) {
            if (property.required() || catalog.key().contains(property.column())) {
                required.add(property.name());
            }
            properties.set(property.name(), property(catalog, property, seeds));
        }
        ObjectNode root = NODES.objectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", "urn:crawbl:seed:" + catalog.name());
        root.put("title", "orchestrator." + catalog.name());
        root.put("description", "Seed file of orchestrator." + catalog.name() + ", derived from the table by 'seed-loader "
                + "schema --write' (do not edit). Natural key: " + String.join(", ", catalog.keyProperties().stream()
                .map(Catalog.Property::name).toList()) + ", each value once in the file (the loader checks that)."
                + (catalog.id() != null ? " The loader fills " + catalog.id().name() + " with a name-based UUID." : "")
                + " A bare array of entries is accepted too.");
        ArrayNode forms = root.putArray("anyOf");
        forms.add(array());
        ObjectNode wrapped = forms.addObject();
        wrapped.put("type", "object");
        wrapped.put("additionalProperties", false);
        wrapped.putArray("required").add(catalog.name());
        ObjectNode wrappedProperties = wrapped.putObject("properties");
        wrappedProperties.putObject("$schema").put("type", "string");
        wrappedProperties.set(catalog.name(), array());
        root.putObject("$defs").set("entry", entry);
        try {
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"));
            return new ObjectMapper().writer(printer).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode array() {
        ObjectNode array = NODES.objectNode();
        array.put("type", "array");
        array.put("minItems", 1);
        array.putObject("items").put("$ref", "#/$defs/entry");
        return array;
    }

    private static ObjectNode property(Catalog catalog, Catalog.Property property, Seeds seeds) {
        Column column = property.column();
        ValueKind kind = property.kind();
        ObjectNode node = NODES.objectNode();
        Catalog.Reference reference = property.reference();
        node.put("description", reference == null
                ? "Column " + column.name() + " (" + column.sqlType() + ")."
                : "The natural key of an entry of " + reference.catalog() + (reference.storesId()
                ? "; the loader stores that row's id in " + column.name() + "." : "; stored as is in " + column.name() + "."));
        if (!kind.jsonType.equals("any")) {
            if (column.nullable()) {
                node.putArray("type").add(kind.jsonType).add("null");
            } else {
                node.put("type", kind.jsonType);
            }
        }
        switch (kind) {
            case UUID_VALUE -> node.put("format", "uuid");
            case INSTANT, OFFSET_DATE_TIME -> node.put("format", "date-time");
            case DATE -> node.put("format", "date");
            case SMALLINT -> range(node, Short.MIN_VALUE, Short.MAX_VALUE);
            case INTEGER -> range(node, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case BIGINT -> range(node, Long.MIN_VALUE, Long.MAX_VALUE);
            default -> {
            }
        }
        if (kind == ValueKind.TEXT && reference == null) {
            if (!column.nullable()) {
                node.put("minLength", 1);
            }
            if (column.maxLength() > 0) {
                node.put("maxLength", column.maxLength());
            }
        }
        for (Column.Bound bound : column.bounds()) {
            BigDecimal limit = bound.limit().stripTrailingZeros();
            switch (bound.op()) {
                case ">=" -> node.put("minimum", limit);
                case ">" -> node.put("exclusiveMinimum", limit);
                case "<=" -> node.put("maximum", limit);
                default -> node.put("exclusiveMaximum", limit);
            }
        }
        if (reference != null && seeds.files().containsKey(reference.catalog())) {
            List<String> keys = seeds.rows(seeds.catalog(reference.catalog())).stream().map(row -> row.entry().key()).toList();
            if (keys.size() <= ENUM_LIMIT) {
                ArrayNode values = node.putArray("enum");
                keys.forEach(values::add);
                if (column.nullable()) {
                    values.addNull();
                }
            }
        }
        if (column.literalDefault()) {
            node.set("default", new ObjectMapper().valueToTree(column.literal()));
        }
        return node;
    }

    private static void range(ObjectNode node, long minimum, long maximum) {
        node.put("minimum", minimum);
        node.put("maximum", maximum);
    }

    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
