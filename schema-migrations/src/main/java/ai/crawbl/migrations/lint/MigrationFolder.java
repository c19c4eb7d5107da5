package ai.crawbl.migrations.lint;

import ai.crawbl.migrations.source.NamingScheme;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The entries of a migrations folder that {@link NamingScheme#looksLikeMigration look like migrations}, named relative
 * to it, and their text. Other entries (a README, a {@code seed/} folder) are none of the lint's business.
 */
record MigrationFolder(Path dir, NamingScheme scheme) {

    /**
     * The readable files among those entries, sorted by name; an entry that is a folder or a broken symbolic link is
     * reported as a {@code file} finding instead, since the engine refuses it.
     */
    List<Path> migrationFiles(List<Finding> findings) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NotDirectoryException(dir + " (not a folder of migrations)");
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> listing = Files.list(dir)) {
            for (Path path : listing.sorted().toList()) {
                Path name = path.getFileName();
                if (!scheme.looksLikeMigration(name.toString())) {
                    continue;
                }
                if (Files.isDirectory(path)) {
                    findings.add(Finding.of(name, 1, 1, FileRules.FILE, "a folder named like a migration: migrations are files;"
                            + " rename or move the folder"));
                } else if (!Files.isRegularFile(path)) {
                    findings.add(Finding.of(name, 1, 1, FileRules.FILE, Files.isSymbolicLink(path)
                            ? "a symbolic link to " + Files.readSymbolicLink(path) + ", which does not exist or loops back on"
                              + " itself: point it at the migration file or delete it"
                            : "not a regular file: replace it with the migration file"));
                } else {
                    files.add(name);
                }
            }
        }
        return files;
    }

    /** The file's text; empty, with an {@code encoding} finding, when it is not UTF-8 or holds a NUL byte. */
    Optional<String> read(Path file, List<Finding> findings) throws IOException {
        String text;
        try {
            text = Files.readString(dir.resolve(file));
        } catch (MalformedInputException e) {
            findings.add(Finding.of(file, 1, 1, FileRules.ENCODING, "the file is not valid UTF-8: save it as UTF-8"));
            return Optional.empty();
        }
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            int line = (int) text.substring(0, nul).chars().filter(c -> c == '\n').count() + 1;
            findings.add(Finding.of(file, line, 1, FileRules.ENCODING, "a NUL byte, which no SQL text may hold: delete it"));
            return Optional.empty();
        }
        return Optional.of(text);
    }
}
