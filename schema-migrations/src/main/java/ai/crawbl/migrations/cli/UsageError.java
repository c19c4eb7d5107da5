package ai.crawbl.migrations.cli;

import ai.crawbl.migrations.postgres.Redaction;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintStream;
import java.io.PrintWriter;

/**
 * How each of the toolkit's command-line tools answers a usage error (exit 2): the message, any suggestion and the
 * usage of the command on standard error, and, when the arguments ask for {@code --format json}, one JSON object
 * {@code {"error": …, "exitCode": 2}} on standard output, as for every other failure. The arguments are read as given,
 * since picocli rejects a command line before it sets any of its options.
 *
 * @param out  standard output, for the JSON object
 * @param json whether the arguments ask for JSON
 */
public record UsageError(PrintStream out, boolean json) implements CommandLine.IParameterExceptionHandler {

    /** The handler for a command line of {@code args}: JSON when the last {@code --format} before {@code --} is json. */
    public static UsageError of(PrintStream out, String[] args) {
        return new UsageError(out, asksForJson(args));
    }

    static boolean asksForJson(String[] args) {
        String format = null;
        for (int i = 0; i < args.length && !args[i].equals("--"); i++) {
            if (args[i].equals("--format") && i + 1 < args.length) {
                format = args[++i];
            } else if (args[i].startsWith("--format=")) {
                format = args[i].substring("--format=".length());
            }
        }
        return "json".equals(format);
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        String message = Redaction.url(e.getMessage());
        PrintWriter err = e.getCommandLine().getErr();
        err.println(message);
        UnmatchedArgumentException.printSuggestions(e, err);
        e.getCommandLine().usage(err);
        if (json) {
            out.println(Json.write(new SchemaMigrationsCli.Failure(message, 2)));
        }
        return 2;
    }
}
