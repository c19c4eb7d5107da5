package ai.crawbl.seed;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A usage plan ({@code orchestrator.usage_plans}), keyed by {@code slug}. A null daily or per-request limit means
 * no limit; the monthly token limit is always set.
 */
public record UsagePlan(
        @JsonProperty(value = "slug", required = true) String slug,
        @JsonProperty(value = "name", required = true) String name,
        @JsonProperty(value = "monthly_token_limit", required = true) Long monthlyTokenLimit,
        @JsonProperty(value = "daily_request_limit", required = true) Integer dailyRequestLimit,
        @JsonProperty(value = "max_tokens_per_request", required = true) Integer maxTokensPerRequest) implements CatalogEntry {

    public UsagePlan {
        CatalogEntry.requireText(slug, "slug");
        CatalogEntry.requireText(name, "name");
        if (monthlyTokenLimit == null) {
            throw new IllegalArgumentException("monthly_token_limit must be a number (it has no 'no limit' value)");
        }
        CatalogEntry.requireAtLeast(monthlyTokenLimit, 0, "monthly_token_limit");
        CatalogEntry.requireAtLeast(dailyRequestLimit, 0, "daily_request_limit");
        CatalogEntry.requireAtLeast(maxTokensPerRequest, 1, "max_tokens_per_request");
    }

    @Override
    public String naturalKey() {
        return slug;
    }
}
