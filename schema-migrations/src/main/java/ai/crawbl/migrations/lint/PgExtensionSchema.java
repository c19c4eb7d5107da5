package ai.crawbl.migrations.lint;

import java.util.List;

/**
 * {@code extension-schema}: {@code CREATE EXTENSION} installs into the first schema of the search path unless it
 * says {@code WITH SCHEMA}; under the engine's {@code orchestrator, public} that is orchestrator, and a later
 * {@code public.vector} does not exist.
 */
final class PgExtensionSchema implements PgCheck {

    static final Rule EXTENSION_SCHEMA = Rule.error("extension-schema",
            "without WITH SCHEMA an extension lands in the first schema of the search_path (orchestrator under the engine), so public.vector is not found",
            "CREATE EXTENSION IF NOT EXISTS <name> WITH SCHEMA public");

    @Override
    public List<Rule> rules() {
        return List.of(EXTENSION_SCHEMA);
    }

    @Override
    public void check(PgStatement s) {
        StatementTokens t = s.tokens();
        if (!t.is(0, "CREATE", "EXTENSION") || t.find(2, 0, "SCHEMA") >= 0) {
            return;
        }
        int name = t.is(2, "IF", "NOT", "EXISTS") ? 5 : 2;
        s.report(EXTENSION_SCHEMA, 1, "CREATE EXTENSION " + t.text(name) + " without a schema: write CREATE EXTENSION"
                + " IF NOT EXISTS " + t.text(name) + " WITH SCHEMA public");
    }
}
