package ai.crawbl.migrations.drift;

/**
 * One way a live database departs from what its migrations make.
 *
 * @param group    the object it is reported under, e.g. {@code orchestrator.memory_drawers}
 * @param kind     the kind of object that differs ({@code index}, {@code column}, …)
 * @param name     its name within the group
 * @param change   missing from the live database, there but not expected, or there and different
 * @param property for {@link Change#CHANGED}: which property differs, else null
 * @param live     for {@link Change#CHANGED}: the live database's value ({@code <none>} when it has none), else null
 * @param expected for {@link Change#CHANGED}: the value the migrations make ({@code <none>} when none), else null
 */
public record Difference(String group, String kind, String name, Change change, String property, String live, String expected) {

    /** How an object differs. */
    public enum Change { MISSING, UNEXPECTED, CHANGED }

    /** The text shown for an absent property. */
    static final String NONE = "<none>";

    /**
     * The difference in one line, e.g. {@code orchestrator.memory_drawers: index memory_drawers_embedding_ivfflat_idx missing};
     * an object that stands alone is not prefixed by its group ({@code table orchestrator.users missing}).
     */
    public String line() {
        return name.equals(group) ? text() : group + ": " + text();
    }

    /** The difference without its group, e.g. {@code column nickname: type text, expected character varying(64)}. */
    public String text() {
        String label = kind + " " + name;
        return switch (change) {
            case MISSING -> label + " missing";
            case UNEXPECTED -> label + " not in the migrations";
            case CHANGED -> PostgresCatalog.VALIDITY.equals(property) && PostgresCatalog.INVALID.equals(live)
                    ? label + " is INVALID"
                    : label + ": " + property + " " + live + ", expected " + expected;
        };
    }
}
