package ai.crawbl.migrations.lint;

import ai.crawbl.migrations.source.NamingScheme;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The conventions of a {@link NamingScheme}'s file names: zero-padded digits, an underscore, a lowercase snake_case
 * description and the scheme's suffix; versions run from 1 without gaps or duplicates. Rules {@code naming} and
 * {@code sequence}.
 */
record Numbering(NamingScheme scheme) {

    private static final Pattern VERSION = Pattern.compile("^(\\d{1,18})_");

    private record Numbered(long version, Path file) {
    }

    List<Finding> check(List<Path> files) {
        Pattern wellNamed = Pattern.compile("\\d{" + scheme.digits() + "}_[a-z][a-z0-9]*(?:_[a-z0-9]+)*" + Pattern.quote(scheme.suffix()));
        List<Finding> findings = new ArrayList<>();
        List<Numbered> numbered = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (!wellNamed.matcher(name).matches()) {
                findings.add(Finding.of(file, 1, 1, FileRules.NAMING, "name it " + scheme.form() + ": a " + scheme.digits()
                        + "-digit zero-padded version, an underscore, a lowercase snake_case description"));
            }
            Matcher version = VERSION.matcher(name);
            if (version.find()) {
                numbered.add(new Numbered(Long.parseLong(version.group(1)), file));
            }
        }
        numbered.sort(Comparator.comparingLong(Numbered::version).thenComparing(n -> n.file().toString()));
        long expected = 1;
        Numbered previous = null;
        for (Numbered n : numbered) {
            if (previous != null && n.version() == previous.version()) {
                findings.add(Finding.of(n.file(), 1, 1, FileRules.SEQUENCE, "version " + format(n.version())
                        + " is also used by " + previous.file() + ": give this migration the next free version"));
            } else if (n.version() != expected) {
                findings.add(Finding.of(n.file(), 1, 1, FileRules.SEQUENCE, "expected version " + format(expected)
                        + " next, found " + format(n.version()) + ": versions run from " + format(1)
                        + " without gaps"));
            }
            expected = n.version() + 1;
            previous = n;
        }
        return findings;
    }

    private String format(long version) {
        return scheme.version((int) version);
    }
}
