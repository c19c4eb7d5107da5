package ai.crawbl.seed;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An LLM model ({@code orchestrator.models}), keyed by {@code slug}; {@code sortOrder} null takes the column default. */
public record Model(
        @JsonProperty(value = "slug", required = true) String slug,
        @JsonProperty(value = "name", required = true) String name,
        @JsonProperty(value = "description", required = true) String description,
        @JsonProperty("sort_order") Integer sortOrder) implements CatalogEntry {

    public Model {
        CatalogEntry.requireText(slug, "slug");
        CatalogEntry.requireText(name, "name");
        CatalogEntry.requireText(description, "description");
        CatalogEntry.requireAtLeast(sortOrder, 0, "sort_order");
    }

    @Override
    public String naturalKey() {
        return slug;
    }
}
