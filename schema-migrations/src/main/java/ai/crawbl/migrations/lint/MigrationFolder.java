package ai.crawbl.migrations.lint;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The {@code .sql} files directly in a migrations folder, named relative to it, and their text. */
record MigrationFolder(Path dir) {

    /** The {@code .sql} files in the folder, relative to it, sorted by name. */
    List<Path> sqlFiles() throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NotDirectoryException(dir + " (not a folder of migrations)");
        }
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.filter(Files::isRegularFile).map(Path::getFileName)
                    .filter(name -> name.toString().endsWith(".sql")).sorted().toList();
        }
    }

    /** The file's text; empty, with an {@code encoding} finding, when it is not UTF-8. */
    Optional<String> read(Path file, List<Finding> findings) throws IOException {
        try {
            return Optional.of(Files.readString(dir.resolve(file)));
        } catch (MalformedInputException e) {
            findings.add(new Finding(file, 1, "encoding", "the file is not valid UTF-8: save it as UTF-8"));
            return Optional.empty();
        }
    }
}
