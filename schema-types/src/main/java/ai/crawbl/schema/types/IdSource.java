package ai.crawbl.schema.types;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

import java.util.UUID;

/**
 * Where the application's primary keys come from: the schema gives no UUID column a database default, so every row's
 * id is made in application code.
 */
@FunctionalInterface
public interface IdSource {

    /** A new id, never returned before. */
    UUID next();

    /**
     * UUIDv7 (RFC 9562): a millisecond timestamp followed by random bits, so ids made later sort later and new rows
     * land at the right edge of a B-tree index instead of at random pages. Safe to share between threads.
     */
    static IdSource timeOrdered() {
        TimeBasedEpochGenerator generator = Generators.timeBasedEpochGenerator();
        return generator::generate;
    }
}
