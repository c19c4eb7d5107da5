package ai.crawbl.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.path.PathType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON Schemas (draft 2020-12) of the catalogs, as packaged with the loader: the files are always checked
 * against the schema this loader's code was written for, whatever sits beside them.
 */
final class CatalogSchema {

    /** Where the packaged seed files and schemas live on the classpath. */
    static final String PACKAGED = "ai/crawbl/seed/catalogs/";

    /** A schema violation: the pointer of the offending value and what is wrong with it. */
    record Violation(String pointer, String message) {
    }

    private final Map<Catalog, Schema> schemas;

    private CatalogSchema(Map<Catalog, Schema> schemas) {
        this.schemas = schemas;
    }

    static CatalogSchema load(ObjectMapper mapper) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                        .pathType(PathType.JSON_POINTER).locale(Locale.ENGLISH).build()));
        Map<Catalog, Schema> schemas = new EnumMap<>(Catalog.class);
        for (Catalog catalog : Catalog.values()) {
            String resource = PACKAGED + catalog.schemaFileName();
            try (InputStream in = CatalogSchema.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the loader's jar lacks " + resource + "; rebuild it");
                }
                schemas.put(catalog, registry.getSchema(mapper.readTree(in)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the packaged " + resource, e);
            }
        }
        return new CatalogSchema(schemas);
    }

    /** Every violation of the catalog's schema by {@code document} (the wrapped form), in document order. */
    List<Violation> violations(Catalog catalog, JsonNode document) {
        List<Violation> violations = new ArrayList<>();
        for (Error error : schemas.get(catalog).validate(document)) {
            String pointer = pointer(error.getInstanceLocation());
            // Unknown properties are reported on the object that holds them: point at the property itself.
            if ("additionalProperties".equals(error.getKeyword()) && error.getProperty() != null) {
                pointer = pointer + "/" + escape(error.getProperty());
            }
            violations.add(new Violation(pointer, message(error)));
        }
        return violations;
    }

    private static String message(Error error) {
        String message = error.getMessage();
        // The library prefixes its messages with the instance location, which the problem already shows.
        String location = error.getInstanceLocation().toString();
        if (message.startsWith(location + ": ")) {
            message = message.substring(location.length() + 2);
        }
        return message;
    }

    static String pointer(NodePath path) {
        StringBuilder pointer = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            pointer.append('/').append(escape(String.valueOf(path.getElement(i))));
        }
        return pointer.toString();
    }

    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
