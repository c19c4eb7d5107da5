package ai.crawbl.migrations.lint;

import java.util.List;

/** The code behind a family of ClickHouse rules: looks at one statement at a time. */
interface ChCheck {

    /** The rules this check reports. */
    List<Rule> rules();

    /** Reports what {@code statement} breaks. */
    void check(ChStatement statement);
}
