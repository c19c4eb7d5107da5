package ai.crawbl.migrations.lint;

import ai.crawbl.migrations.lint.PgDdl.Action;
import ai.crawbl.migrations.lint.PgDdl.AddConstraint;
import ai.crawbl.migrations.lint.PgDdl.AlterTable;
import ai.crawbl.migrations.lint.PgDdl.Constraint;
import ai.crawbl.migrations.lint.PgDdl.ValidateConstraint;

import java.util.List;

/**
 * Constraints added to a table by ALTER TABLE: {@code constraint-not-valid} (a foreign key or CHECK on an existing
 * table is added NOT VALID and validated by a later migration) and {@code guard-constraint} (ADD CONSTRAINT has no
 * IF NOT EXISTS, so a second run fails unless the file drops it first or declares it in CREATE TABLE).
 */
final class PgConstraints implements PgCheck {

    static final Rule CONSTRAINT_NOT_VALID = Rule.error("constraint-not-valid",
            "adding a FOREIGN KEY or CHECK validates every existing row while holding a lock that blocks writes (both tables, for a foreign key)",
            "add it NOT VALID, then VALIDATE CONSTRAINT in a later migration (that takes a lock writes pass)");
    static final Rule GUARD_CONSTRAINT = Rule.error("guard-constraint",
            "ADD CONSTRAINT has no IF NOT EXISTS: a second run of the file fails with 'already exists'",
            "declare the constraint in CREATE TABLE, or precede it with ALTER TABLE ... DROP CONSTRAINT IF EXISTS <name>, or add it in a DO block that checks pg_constraint");

    @Override
    public List<Rule> rules() {
        return List.of(CONSTRAINT_NOT_VALID, GUARD_CONSTRAINT);
    }

    @Override
    public void check(PgStatement s) {
        if (!(s.ddl() instanceof AlterTable a)) {
            return;
        }
        StatementTokens t = s.tokens();
        for (Action action : a.actions()) {
            if (action instanceof AddConstraint add) {
                Constraint c = add.constraint();
                if ((c.kind().equals("FOREIGN") || c.kind().equals("CHECK")) && !c.notValid() && !s.isNew(a.table())) {
                    s.report(CONSTRAINT_NOT_VALID, add.at(), "ADD " + (c.kind().equals("FOREIGN") ? "FOREIGN KEY" : "CHECK")
                            + " on " + a.table().name() + ", which exists before this migration, checks every row under"
                            + " a write-blocking lock: add it NOT VALID and VALIDATE it in a later migration");
                }
                if (c.name() == null || !droppedBefore(t, add.at(), c.name(), s)) {
                    s.report(GUARD_CONSTRAINT, add.at(), "ADD CONSTRAINT " + (c.name() == null ? "(unnamed)" : c.name())
                            + " fails when the file runs again: drop it IF EXISTS first, or declare it in CREATE TABLE");
                }
            } else if (action instanceof ValidateConstraint v && !s.fileState().noTransaction()
                    && s.file().equals(s.schema().notValidAddedIn(v.name()))) {
                s.report(CONSTRAINT_NOT_VALID, v.at(), "VALIDATE CONSTRAINT " + v.name() + " in the transaction that"
                        + " added it keeps the ADD's lock for the whole scan: validate it in a later migration");
            }
        }
    }

    /** True when this file dropped constraint {@code name} IF EXISTS before: re-running the file then works. */
    private static boolean droppedBefore(StatementTokens t, int at, String name, PgStatement s) {
        for (int i = 0; i < at; i++) {
            if (t.is(i, "DROP", "CONSTRAINT", "IF", "EXISTS") && t.isName(i + 4) && t.identifier(i + 4).equals(name)) {
                return true;
            }
        }
        return s.droppedConstraints().contains(name);
    }
}
