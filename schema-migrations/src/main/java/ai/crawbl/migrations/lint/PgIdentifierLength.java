package ai.crawbl.migrations.lint;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code identifier-length}: PostgreSQL truncates identifiers longer than 63 bytes without an error, so two long
 * names can become one, and code using the full name finds nothing.
 */
final class PgIdentifierLength implements PgCheck {

    static final int MAX_BYTES = 63;

    static final Rule IDENTIFIER_LENGTH = Rule.error("identifier-length",
            "PostgreSQL silently truncates identifiers to 63 bytes: the object gets another name than the one written",
            "shorten the name to at most 63 bytes (UTF-8)");

    @Override
    public List<Rule> rules() {
        return List.of(IDENTIFIER_LENGTH);
    }

    @Override
    public void check(PgStatement s) {
        StatementTokens t = s.tokens();
        for (int i = 0; i < t.size(); i++) {
            if (!t.isName(i)) {
                continue;
            }
            int bytes = t.identifier(i).getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_BYTES) {
                s.report(IDENTIFIER_LENGTH, i, t.identifier(i) + " is " + bytes + " bytes long: PostgreSQL keeps the"
                        + " first " + MAX_BYTES + "; shorten it");
            }
        }
    }
}
