package ai.crawbl.migrations.lint;

import java.util.List;

/** The code behind a family of PostgreSQL rules: looks at one statement at a time. */
interface PgCheck {

    /** The rules this check reports. */
    List<Rule> rules();

    /** Reports what {@code statement} breaks; the model is as the statements before it left it. */
    void check(PgStatement statement);
}
