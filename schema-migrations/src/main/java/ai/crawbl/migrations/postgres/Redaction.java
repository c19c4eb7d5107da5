package ai.crawbl.migrations.postgres;

import java.util.regex.Pattern;

/** Masks secrets in connection strings before they reach a message or a log. */
public final class Redaction {
    private static final Pattern USERINFO_PASSWORD = Pattern.compile("(://[^/:@?]*):[^@/?]*@");
    private static final Pattern PARAM_PASSWORD = Pattern.compile("(?i)([?&;](?:password|pwd)=)[^&;]*");

    private Redaction() {
    }

    /** The URL with any password (in the user-info part or a {@code password=} parameter) replaced by {@code ***}. */
    public static String url(String url) {
        if (url == null) {
            return null;
        }
        String masked = USERINFO_PASSWORD.matcher(url).replaceAll("$1:***@");
        return PARAM_PASSWORD.matcher(masked).replaceAll("$1***");
    }
}
