package ai.crawbl.migrations.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Scratch folders tied to the process that owns them: each folder {@code F} has a record {@code F.owner} beside it
 * naming its {@link ProcessOwner}, written before the folder exists and deleted after it is gone, so that no folder is
 * ever without an owner. A folder whose owner no longer runs is {@linkplain #abandoned abandoned}: the process that
 * made it was killed before it could clean up, and the next run of the toolkit may remove it.
 *
 * <p>A record that says {@value #GIVEN_UP} marks a folder its owner gave up (the shell launcher writes it when its
 * child failed); one that cannot be read yet is left alone for a minute, since its owner may be writing it.
 */
public final class OwnedFolders {

    /** The suffix of an owner record's name. */
    public static final String RECORD_SUFFIX = ".owner";
    /** What a record says when its owner gave its folder up. */
    public static final String GIVEN_UP = "abandoned";
    private static final Duration UNREADABLE_GRACE = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private OwnedFolders() {
    }

    /**
     * Creates a new folder (mode 700) in {@code parent}, named {@code prefix} and random digits, owned by {@code owner}:
     * the record comes first, then the folder.
     */
    public static Path create(Path parent, String prefix, ProcessOwner owner) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path folder = parent.resolve(prefix + HexFormat.of().toHexDigits(RANDOM.nextLong()));
            try {
                Files.writeString(recordOf(folder), owner.record() + "\n", StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException taken) {
                if (attempt < 10) {
                    continue;
                }
                throw taken;
            }
            try {
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                return folder;
            } catch (IOException e) {
                Files.deleteIfExists(recordOf(folder));
                throw e;
            }
        }
    }

    /** Hands {@code folder} to another owner (a server that outlives the process that made its folder). */
    public static void transfer(Path folder, ProcessOwner owner) throws IOException {
        Path record = recordOf(folder);
        Path next = record.resolveSibling("." + record.getFileName() + ".next");
        Files.writeString(next, owner.record() + "\n");
        Files.move(next, record, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** The owner record beside {@code folder}. */
    public static Path recordOf(Path folder) {
        return folder.resolveSibling(folder.getFileName() + RECORD_SUFFIX);
    }

    /** Deletes {@code folder} with everything in it, then its record; a folder already gone is fine. */
    public static void delete(Path folder) throws IOException {
        deleteTree(folder);
        Files.deleteIfExists(recordOf(folder));
    }

    /**
     * The folders in {@code parent} named {@code prefix…} whose owner no longer runs (or gave them up), including
     * records whose folder is already gone; never a folder without a record.
     */
    public static List<Path> abandoned(Path parent, String prefix) throws IOException {
        List<Path> folders = new ArrayList<>();
        try (DirectoryStream<Path> records = Files.newDirectoryStream(parent, glob(prefix) + "*" + RECORD_SUFFIX)) {
            for (Path record : records) {
                String name = record.getFileName().toString();
                Path folder = parent.resolve(name.substring(0, name.length() - RECORD_SUFFIX.length()));
                if (isAbandoned(record)) {
                    folders.add(folder);
                }
            }
        } catch (NoSuchFileException | java.nio.file.NotDirectoryException absent) {
            return List.of();
        }
        return folders;
    }

    /** The owner {@code folder}'s record names, if it names a process at all. */
    public static Optional<ProcessOwner> ownerOf(Path folder) throws IOException {
        try {
            return ProcessOwner.parse(Files.readString(recordOf(folder)));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        }
    }

    private static boolean isAbandoned(Path record) throws IOException {
        String text;
        FileTime modified;
        try {
            text = Files.readString(record, StandardCharsets.UTF_8).trim();
            modified = Files.getLastModifiedTime(record);
        } catch (NoSuchFileException | java.nio.charset.MalformedInputException raced) {
            return false;
        }
        if (text.equals(GIVEN_UP)) {
            return true;
        }
        Optional<ProcessOwner> owner = ProcessOwner.parse(text);
        if (owner.isPresent()) {
            return !owner.get().isAlive();
        }
        return modified.toInstant().isBefore(Instant.now().minus(UNREADABLE_GRACE));
    }

    private static String glob(String prefix) {
        return prefix.replaceAll("([*?\\[\\]{}\\\\])", "\\\\$1");
    }

    /** Deletes a tree that other processes may be deleting at the same time. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (NoSuchFileException raced) {
            // another process removed it meanwhile
        }
    }
}
