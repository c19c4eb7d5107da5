package ai.crawbl.migrations.plan;

import ai.crawbl.migrations.source.Migration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The migrations of a source set against a target's history: each version with its state, in version order.
 * Built by {@link #of(List, List)}; it reads nothing and changes nothing.
 */
public record MigrationPlan(List<Entry> entries) {

    /** A version's state. */
    public enum State {
        /** Applied, and its file is unchanged. */
        APPLIED,
        /** In the source, not applied yet. */
        PENDING,
        /**
         * Applied, or run part-way, and its file changed since (checksums differ; a change of line endings alone does not
         * count). A changed file is never resumed.
         */
        CHANGED,
        /** Applied, but no longer in the source. */
        MISSING,
        /** An earlier run failed part-way through it. */
        FAILED,
        /** An earlier run died part-way through it. */
        INTERRUPTED,
        /** The baseline row: everything up to it counts as applied. */
        BASELINE,
        /** At or below the baseline: counted as applied without running. */
        BELOW_BASELINE
    }

    /** One version: its file (null when missing) and its history row (null when never applied). */
    public record Entry(int version, String description, State state, Migration migration, AppliedMigration applied) {
    }

    public MigrationPlan {
        entries = List.copyOf(entries);
    }

    /** Combines the source's migrations with the history rows. */
    public static MigrationPlan of(List<Migration> migrations, List<AppliedMigration> history) {
        Map<Integer, Migration> files = migrations.stream().collect(Collectors.toMap(Migration::version, Function.identity()));
        Map<Integer, AppliedMigration> rows = history.stream().collect(Collectors.toMap(AppliedMigration::version, Function.identity()));
        int baseline = history.stream().filter(row -> row.kind() == AppliedMigration.Kind.BASELINE)
                .mapToInt(AppliedMigration::version).max().orElse(0);
        TreeMap<Integer, Entry> entries = new TreeMap<>();
        for (Migration file : migrations) {
            AppliedMigration row = rows.get(file.version());
            State state;
            if (row != null && row.kind() == AppliedMigration.Kind.BASELINE) {
                state = State.BASELINE;
            } else if (row == null) {
                state = file.version() <= baseline ? State.BELOW_BASELINE : State.PENDING;
            } else if (!file.matchesChecksum(row.checksum())) {
                state = State.CHANGED;
            } else if (row.interrupted()) {
                state = State.INTERRUPTED;
            } else if (!row.success()) {
                state = State.FAILED;
            } else {
                state = State.APPLIED;
            }
            entries.put(file.version(), new Entry(file.version(), file.description(), state, file, row));
        }
        for (AppliedMigration row : history) {
            if (!files.containsKey(row.version())) {
                State state = row.kind() == AppliedMigration.Kind.BASELINE ? State.BASELINE : State.MISSING;
                entries.put(row.version(), new Entry(row.version(), row.description(), state, null, row));
            }
        }
        return new MigrationPlan(new ArrayList<>(entries.values()));
    }

    /** Entries in one of the given states, in version order. */
    public List<Entry> in(State... states) {
        List<State> wanted = List.of(states);
        return entries.stream().filter(entry -> wanted.contains(entry.state())).toList();
    }

    /** The highest version that counts as applied, or 0. */
    public int currentVersion() {
        return entries.stream()
                .filter(entry -> switch (entry.state()) {
                    case APPLIED, BASELINE, BELOW_BASELINE -> true;
                    case CHANGED -> entry.applied().success();
                    default -> false;
                })
                .mapToInt(Entry::version).max().orElse(0);
    }
}
