package ai.crawbl.seed;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A built-in tool ({@code orchestrator.tools}), keyed by {@code name}. {@code implemented} and {@code sortOrder}
 * are null when the file leaves them out: the row then holds the column's default.
 */
public record Tool(
        @JsonProperty(value = "name", required = true) String name,
        @JsonProperty(value = "display_name", required = true) String displayName,
        @JsonProperty(value = "description", required = true) String description,
        @JsonProperty(value = "category", required = true) String category,
        @JsonProperty(value = "icon_url", required = true) String iconUrl,
        @JsonProperty("implemented") Boolean implemented,
        @JsonProperty("sort_order") Integer sortOrder) implements CatalogEntry {

    public Tool {
        CatalogEntry.requireText(name, "name");
        CatalogEntry.requireText(displayName, "display_name");
        CatalogEntry.requireText(description, "description");
        CatalogEntry.requireText(category, "category");
        CatalogEntry.requireText(iconUrl, "icon_url");
        CatalogEntry.requireAtLeast(sortOrder, 0, "sort_order");
    }

    @Override
    public String naturalKey() {
        return name;
    }
}
