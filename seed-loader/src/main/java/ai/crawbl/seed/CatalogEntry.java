package ai.crawbl.seed;

/** One entry of a seed file, already checked against its JSON Schema and its own invariants. */
public sealed interface CatalogEntry permits Tool, Model, UsagePlan {

    /** The value of the catalog's natural key ({@code tools.name}, {@code models.slug}, {@code usage_plans.slug}). */
    String naturalKey();

    /** Fails with the property's name when {@code value} is missing or blank. */
    static String requireText(String value, String property) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(property + " must be a non-empty string");
        }
        return value;
    }

    /** Fails with the property's name when {@code value} is below {@code minimum}; null passes (no value). */
    static <N extends Number> N requireAtLeast(N value, long minimum, String property) {
        if (value != null && value.longValue() < minimum) {
            throw new IllegalArgumentException(property + " must be " + minimum + " or more, not " + value);
        }
        return value;
    }
}
