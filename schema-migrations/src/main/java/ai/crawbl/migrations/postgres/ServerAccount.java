package ai.crawbl.migrations.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;

/**
 * The operating-system account that runs the server programs: the JVM's own, or the {@code postgres} system
 * user when the JVM runs as root (PostgreSQL refuses to run as root).
 */
record ServerAccount(String name, boolean switched) {

    static final String SYSTEM_USER = "postgres";

    static ServerAccount current() {
        boolean root;
        try {
            root = ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            root = "root".equals(System.getProperty("user.name"));
        }
        return root ? new ServerAccount(SYSTEM_USER, true) : new ServerAccount(System.getProperty("user.name"), false);
    }

    /** The command line that runs {@code program} as this account. */
    List<String> command(Path program, List<String> args) {
        List<String> command = new ArrayList<>();
        if (switched) {
            command.addAll(List.of("runuser", "-u", name, "--"));
        }
        command.add(program.toString());
        command.addAll(args);
        return command;
    }

    /** Creates {@code dir} (mode 700) if needed and hands it to this account. */
    void createOwned(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, java.util.EnumSet.of(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
        give(dir);
    }

    /** Hands an existing file or directory to this account. */
    void give(Path path) throws IOException {
        if (!switched) {
            return;
        }
        UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user;
        try {
            user = lookup.lookupPrincipalByName(name);
        } catch (IOException e) {
            throw new EmbeddedPostgresException("the JVM runs as root and there is no '" + name
                    + "' system user to run PostgreSQL; install Debian's postgresql package, which creates it", e);
        }
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        view.setOwner(user);
        try {
            GroupPrincipal group = lookup.lookupPrincipalByGroupName(name);
            view.setGroup(group);
        } catch (IOException ignored) {
            // a postgres user without a postgres group still owns the directory, which is what matters
        }
    }

    /**
     * Fails with an explanation when a folder on the way to {@code dir} cannot be entered by this account (a
     * root-owned home folder with mode 700 is the usual case).
     */
    void checkReachable(Path dir) throws IOException {
        Path closed = firstClosedFolder(dir);
        if (closed != null) {
            PosixFileAttributes attributes = Files.readAttributes(closed, PosixFileAttributes.class);
            throw new EmbeddedPostgresException("PostgreSQL runs as the '" + name + "' user, which cannot enter "
                    + closed + " (owner " + attributes.owner().getName() + ", mode "
                    + PosixFilePermissions.toString(attributes.permissions())
                    + "); put the data directory somewhere it can reach");
        }
    }

    /** The first folder on the way to {@code dir} that this account cannot enter, or null. */
    Path firstClosedFolder(Path dir) throws IOException {
        if (!switched) {
            return null;
        }
        for (Path folder = dir.toAbsolutePath().getParent(); folder != null; folder = folder.getParent()) {
            if (!Files.exists(folder)) {
                continue;
            }
            PosixFileAttributes attributes = Files.readAttributes(folder, PosixFileAttributes.class);
            boolean traversable = attributes.permissions().contains(PosixFilePermission.OTHERS_EXECUTE)
                    || attributes.owner().getName().equals(name)
                    || attributes.group().getName().equals(name)
                            && attributes.permissions().contains(PosixFilePermission.GROUP_EXECUTE);
            if (!traversable) {
                return folder;
            }
        }
        return null;
    }

    /** The account's home folder, from the password database. */
    Path home() throws IOException {
        for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
            String[] fields = line.split(":");
            if (fields.length > 5 && fields[0].equals(name)) {
                return Path.of(fields[5]);
            }
        }
        throw new EmbeddedPostgresException("there is no '" + name + "' system user to run PostgreSQL; "
                + "install Debian's postgresql package (scripts/setup does)");
    }
}
