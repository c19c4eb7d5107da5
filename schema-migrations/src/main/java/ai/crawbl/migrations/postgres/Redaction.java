package ai.crawbl.migrations.postgres;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from any text before it reaches a message or a log: the password of a URI's user-info, and the
 * value of every parameter whose name says it is secret (anything naming a password, secret, token, API key or
 * credential: {@code password}, {@code sslpassword}, {@code PGPASSWORD}, {@code client_secret}, ...), whether it is
 * written as a URL parameter ({@code ?password=..&}), in libpq's key=value form ({@code password='..' dbname=..}) or
 * as an environment assignment. Everything else in the text is kept, so a message still says what went wrong.
 */
public final class Redaction {

    /** A name whose value is a secret. */
    private static final String SECRET_NAME = "[\\w.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|credential)[\\w.-]*";

    /**
     * {@code scheme://user:PASSWORD@}: the password runs to the last {@code @} before the next whitespace, so one
     * holding an unencoded {@code /}, {@code :} or {@code @} is masked whole.
     */
    private static final Pattern USERINFO_PASSWORD = Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://[^\\s:/@?#]*):\\S*@");

    /** {@code ?name=value} or {@code &name=value} (or {@code ;name=value}): the value runs to the next {@code &} or whitespace. */
    private static final Pattern URL_PARAMETER = Pattern.compile("(?i)([?&;]" + SECRET_NAME + "=)[^&\\s]*");

    /**
     * {@code name=value} at the start of a word (libpq's key=value form, an environment assignment): the value is a
     * quoted string or runs to the next whitespace.
     */
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?i)(?<![^\\s'\"(,\\[{])(" + SECRET_NAME + "\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"|\\S*)");

    private Redaction() {
    }

    /** {@code text} with every secret replaced by {@code ***}; null stays null. */
    public static String url(String text) {
        return url(text, "***");
    }

    /** {@code text} with every secret replaced by {@code mask}; null stays null. */
    public static String url(String text, String mask) {
        if (text == null) {
            return null;
        }
        String replacement = Matcher.quoteReplacement(mask);
        String masked = USERINFO_PASSWORD.matcher(text).replaceAll("$1:" + replacement + "@");
        masked = URL_PARAMETER.matcher(masked).replaceAll("$1" + replacement);
        return ASSIGNMENT.matcher(masked).replaceAll("$1" + replacement);
    }
}
