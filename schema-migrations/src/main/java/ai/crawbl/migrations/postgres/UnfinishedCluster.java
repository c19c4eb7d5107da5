package ai.crawbl.migrations.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Recognises a data folder that an older version of this toolkit began to create and never finished: it ran
 * {@code initdb} straight into the data folder and wrote its password file afterwards, so a run killed in between left
 * a cluster without {@code crawbl.password}, which every later run refused.
 *
 * <p>Such a folder is removed only when everything says it holds nobody's data: the toolkit's lock file lies beside
 * it (every run that ever created a cluster made it first), it has no password file, no server ever ran on it (no
 * {@code postmaster.opts}, which the server writes at every start, no server log of ours, no {@code postmaster.pid}),
 * and it holds only what {@code initdb} makes. A data folder a person used, or that a server ever served, fails at
 * least one of these and is left alone, with the error that says to choose another folder.
 */
final class UnfinishedCluster {

    private static final List<String> INITDB_NAMES = List.of("PG_VERSION", "base", "global");
    private static final List<String> SERVED_MARKS = List.of("crawbl.password", "postmaster.opts", "postmaster.pid", "crawbl-server.log");

    private UnfinishedCluster() {
    }

    /** True when {@code data} is a creation of this toolkit's that a killed run left unfinished. */
    static boolean isOne(Path data) throws IOException {
        if (!Files.exists(ClusterUsers.lockFileOf(data))) {
            return false;
        }
        for (String mark : SERVED_MARKS) {
            if (Files.exists(data.resolve(mark))) {
                return false;
            }
        }
        try (Stream<Path> entries = Files.list(data)) {
            List<String> names = entries.map(entry -> entry.getFileName().toString()).toList();
            return !names.isEmpty() && names.stream().allMatch(UnfinishedCluster::madeByInitdb);
        }
    }

    private static boolean madeByInitdb(String name) {
        return INITDB_NAMES.contains(name) || name.startsWith("pg_") || name.startsWith("postgresql.");
    }
}
