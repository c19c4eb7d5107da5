package ai.crawbl.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JSON Schemas committed beside the seed files are exactly what the current tables give (CI fails otherwise:
 * run {@code seed-loader schema --seed-dir migrations/orchestrator/seed --write}), and a JSON Schema validator
 * agrees with the loader's own checks on valid files and on bad ones.
 */
class CommittedSchemasTest {

    private static String packaged(String name) throws IOException {
        try (InputStream in = CommittedSchemasTest.class.getClassLoader().getResourceAsStream(CatalogSchema.PACKAGED + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Schema schema(String catalogFile) throws IOException {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(new ObjectMapper().readTree(packaged(CatalogSchema.fileName(catalogFile))));
    }

    @Test
    void everyCommittedSchemaIsWhatTheCurrentTablesGive() throws IOException {
        Seeds seeds = Seeds.read(SeedSource.packaged());
        assertEquals(7, seeds.catalogs().size());
        for (Catalog catalog : seeds.catalogs()) {
            assertEquals(CatalogSchema.derive(catalog, seeds), packaged(CatalogSchema.fileName(catalog.file())),
                    CatalogSchema.fileName(catalog.file()) + " differs from what orchestrator." + catalog.name() + " gives: run "
                            + "'java -jar seed-loader/target/seed-loader.jar --seed-dir migrations/orchestrator/seed schema --write'");
        }
    }

    @Test
    void everyCommittedSeedFileIsValidAgainstItsCommittedSchema() throws IOException {
        for (Catalog catalog : Seeds.read(SeedSource.packaged()).catalogs()) {
            JsonNode file = new ObjectMapper().readTree(packaged(catalog.file()));
            assertEquals(List.of(), schema(catalog.file()).validate(file), catalog.file());
        }
    }

    @Test
    void theSchemaAndTheLoaderRefuseTheSameBadEntries(@TempDir Path folder) throws IOException {
        SeedFolder seeds = SeedFolder.copyOfPackaged(folder);
        String original = seeds.read("usage_plans");
        List<String> bad = List.of(
                original.replace("\"monthly_token_limit\": 500000", "\"monthly_token_limit\": -1"),
                original.replace("\"monthly_token_limit\": 500000", "\"monthly_token_limit\": 1.5"),
                original.replace("\"name\": \"Free\"", "\"name\": \"\""),
                original.replace("\"name\": \"Free\",", "\"name\": \"Free\", \"colour\": \"red\","),
                original.replace("\"slug\": \"free\",", ""),
                original.replace("\"daily_request_limit\": null", "\"daily_request_limit\": \"none\""));
        for (String json : bad) {
            assertFalse(json.equals(original));
            assertFalse(schema("usage_plans.json").validate(new ObjectMapper().readTree(json)).isEmpty(), json);
            seeds.write("usage_plans", json);
            assertThrows(SeedFileException.class, () -> Seeds.read(seeds.source()), json);
        }
        seeds.write("usage_plans", original);
        assertTrue(Seeds.read(seeds.source()).catalogs().size() > 1);
    }
}
