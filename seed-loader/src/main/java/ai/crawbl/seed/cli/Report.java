package ai.crawbl.seed.cli;

import ai.crawbl.seed.CatalogReport;
import ai.crawbl.seed.Mode;
import ai.crawbl.seed.Seeds;
import ai.crawbl.seed.RowChange;
import ai.crawbl.seed.SeedProblem;
import ai.crawbl.seed.SeedResult;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/** How the CLI shows a load's result: aligned lines for people, one JSON document for machines. Made per run. */
final class Report {

    private final ObjectMapper json = new ObjectMapper();

    void text(SeedResult result, PrintStream out) {
        String verb = result.dryRun() ? "would insert" : "inserted";
        for (CatalogReport report : result.catalogs()) {
            if (result.dryRun()) {
                for (RowChange change : report.changes()) {
                    out.println(report.catalog() + ": " + describe(change));
                }
            }
            out.printf("%-12s %s %d, %s %d, unchanged %d%s%s%s (%d ms)%n", report.catalog(), verb, report.inserted(),
                    result.dryRun() ? "would update" : "updated", report.updated(), report.unchanged(),
                    report.kept() > 0 ? ", kept " + report.kept() + " edited (insert-only)" : "",
                    report.mode() == Mode.SYNC ? (result.dryRun() ? ", would delete " : ", deleted ") + report.deleted() : "",
                    layers(report), report.millis());
        }
        out.println((result.dryRun() ? "dry run, nothing written to " : "loaded into ") + result.database()
                + " in " + result.millis() + " ms");
    }

    /** Which layers the rows came from, when an overlay added some. */
    private static String layers(CatalogReport report) {
        if (report.layers().size() < 2 && report.layers().keySet().stream().allMatch(Seeds.BASE::equals)) {
            return "";
        }
        return "; rows from " + report.layers().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private String describe(RowChange change) {
        return switch (change) {
            case RowChange.Inserted inserted -> "would insert " + inserted.key() + layer(inserted.layer()) + " (id " + inserted.id() + "): "
                    + inserted.values().entrySet().stream().map(e -> e.getKey() + "=" + literal(e.getValue()))
                    .collect(Collectors.joining(", "));
            case RowChange.Updated updated -> "would update " + updated.key() + layer(updated.layer()) + " (id " + updated.id() + "): "
                    + updated.changes().stream().map(c -> c.column() + " " + literal(c.before()) + " -> " + literal(c.after()))
                    .collect(Collectors.joining(", "));
            case RowChange.Deleted deleted -> "would delete " + deleted.key() + " (id " + deleted.id() + ")";
        };
    }

    private static String layer(String layer) {
        return Seeds.BASE.equals(layer) ? "" : " [" + layer + "]";
    }

    private String literal(Object value) {
        if (value instanceof String text) {
            try {
                return json.writeValueAsString(text);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        return String.valueOf(value);
    }

    String json(SeedResult result) {
        ObjectNode root = json.createObjectNode();
        root.put("database", result.database());
        root.put("dry_run", result.dryRun());
        root.put("prune", result.pruned());
        root.put("millis", result.millis());
        ArrayNode catalogs = root.putArray("catalogs");
        for (CatalogReport report : result.catalogs()) {
            ObjectNode catalog = catalogs.addObject();
            catalog.put("catalog", report.catalog());
            catalog.put("file", report.file());
            catalog.put("mode", report.mode().word());
            catalog.put("inserted", report.inserted());
            catalog.put("updated", report.updated());
            catalog.put("unchanged", report.unchanged());
            catalog.put("kept", report.kept());
            catalog.put("deleted", report.deleted());
            catalog.set("layers", json.valueToTree(report.layers()));
            catalog.put("millis", report.millis());
            ArrayNode changes = catalog.putArray("changes");
            for (RowChange change : report.changes()) {
                ObjectNode row = changes.addObject();
                row.put("key", change.key());
                row.put("id", change.id() == null ? null : change.id().toString());
                switch (change) {
                    case RowChange.Inserted inserted -> {
                        row.put("action", "insert");
                        row.put("layer", inserted.layer());
                        ObjectNode values = row.putObject("values");
                        inserted.values().forEach((column, value) -> values.set(column, value(value)));
                    }
                    case RowChange.Updated updated -> {
                        row.put("action", "update");
                        row.put("layer", updated.layer());
                        ObjectNode fields = row.putObject("changes");
                        for (RowChange.FieldChange field : updated.changes()) {
                            ObjectNode values = fields.putObject(field.column());
                            values.set("before", value(field.before()));
                            values.set("after", value(field.after()));
                        }
                    }
                    case RowChange.Deleted deleted -> row.put("action", "delete");
                }
            }
        }
        return write(root);
    }

    /** A column value as JSON: numbers, booleans and text as themselves, anything else (times, ids) as its text. */
    private com.fasterxml.jackson.databind.JsonNode value(Object value) {
        return value == null || value instanceof Number || value instanceof Boolean || value instanceof String
                ? json.valueToTree(value) : json.getNodeFactory().textNode(value.toString());
    }

    String problems(List<SeedProblem> problems) {
        ObjectNode root = json.createObjectNode();
        ArrayNode list = root.putArray("problems");
        for (SeedProblem problem : problems) {
            ObjectNode item = list.addObject();
            item.put("file", problem.file());
            item.put("pointer", problem.pointer());
            if (problem.line() > 0) {
                item.put("line", problem.line());
                item.put("column", problem.column());
            }
            item.put("message", problem.message());
        }
        return write(root);
    }

    String error(String message) {
        ObjectNode root = json.createObjectNode();
        root.put("error", message);
        return write(root);
    }

    private String write(ObjectNode root) {
        try {
            return json.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
