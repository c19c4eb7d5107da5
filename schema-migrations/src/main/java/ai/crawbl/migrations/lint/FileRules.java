package ai.crawbl.migrations.lint;

import java.util.List;

/**
 * The rules about files rather than statements, checked by the folder walk: names and numbering, entries the engine
 * would refuse, text it cannot read, scripts it cannot split, suppressions and the folder's
 * {@code lint.properties}.
 */
final class FileRules {

    static final Rule NAMING = Rule.error("naming",
            "the engine orders and recognises migrations by their names",
            "name the file by the scheme: zero-padded version, underscore, lowercase snake_case description, suffix");
    static final Rule SEQUENCE = Rule.error("sequence",
            "versions run from 1 without gaps or duplicates, so every database applies the same files in the same order",
            "give the migration the next free version");
    static final Rule DOWN_FILE = Rule.error("down-file",
            "migrations are up-only: the engine refuses a .down.sql file",
            "delete the file and write the reversal as a new migration");
    static final Rule FILE = Rule.error("file",
            "an entry named like a migration that is not a readable file stops the engine",
            "replace it with the migration file, or rename or delete it");
    static final Rule ENCODING = Rule.error("encoding",
            "the engine reads migrations as UTF-8 without NUL bytes and refuses anything else",
            "save the file as UTF-8 and remove NUL bytes");
    static final Rule SYNTAX = Rule.error("syntax",
            "a script that cannot be split into statements (an unterminated literal or comment, a psql meta-command) cannot run",
            "close the literal or comment, or replace the meta-command with SQL");
    static final Rule SUPPRESSION = Rule.error("suppression",
            "a suppression must say why the finding is acceptable, and one that suppresses nothing would hide the next real finding",
            "write -- lint:ignore <rule-id>: <reason> on the line right before the statement, or delete the suppression");
    static final Rule CONFIG = Rule.error("config",
            "a lint.properties line the lint cannot understand would silently change nothing",
            "use the keys severity.<rule-id>, vector.distance, cluster, lock-timeout and ignore.<file> as the rules page describes");

    /** The rules every dialect's folder walk reports. */
    static final List<Rule> COMMON = List.of(NAMING, SEQUENCE, FILE, ENCODING, SYNTAX, SUPPRESSION, CONFIG);

    private FileRules() {
    }
}
