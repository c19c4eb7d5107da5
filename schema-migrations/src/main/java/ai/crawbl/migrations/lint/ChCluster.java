package ai.crawbl.migrations.lint;

import java.util.List;

/**
 * {@code cluster}: the files stay cluster-agnostic and the engine adds {@code ON CLUSTER} when it runs with
 * {@code --cluster}. So a file never writes ON CLUSTER itself; without cluster mode a {@code Replicated*} engine needs
 * a Keeper the embedded and single servers lack; and in cluster mode (the {@code cluster} setting) a plain
 * {@code *MergeTree} table keeps a separate copy on every replica.
 */
final class ChCluster implements ChCheck {

    static final Rule CLUSTER = Rule.error("cluster",
            "ON CLUSTER and Replicated* engines must match how the engine runs: Replicated* fails without a cluster, plain MergeTree diverges across replicas",
            "leave ON CLUSTER to the engine's --cluster; use Replicated*MergeTree exactly when lint.properties says cluster = <name>");

    @Override
    public List<Rule> rules() {
        return List.of(CLUSTER);
    }

    @Override
    public void check(ChStatement s) {
        StatementTokens t = s.tokens();
        String cluster = s.settings().cluster();
        int on = t.find(1, 0, "ON", "CLUSTER");
        if (on >= 0) {
            s.report(CLUSTER, on, "ON CLUSTER written in the file: the engine adds it when it runs with --cluster"
                    + (cluster == null ? ", and without a cluster the statement fails" : "") + "; remove it");
        }
        int engine = t.find(1, 0, "ENGINE");
        if (!t.is(0, "CREATE") || engine < 0) {
            return;
        }
        int name = t.isSymbol(engine + 1, "=") ? engine + 2 : engine + 1;
        String word = t.word(name);
        boolean replicated = word.startsWith("REPLICATED");
        if (cluster == null && replicated) {
            s.report(CLUSTER, name, t.text(name) + " needs a cluster with Keeper, which embedded and single servers"
                    + " lack: use " + t.text(name).substring("Replicated".length()) + ", or set cluster = <name> in"
                    + " lint.properties if the engine runs with --cluster");
        } else if (cluster != null && !replicated && word.endsWith("MERGETREE")) {
            s.report(CLUSTER, name, t.text(name) + " in cluster mode (" + cluster + ") keeps a separate copy on each"
                    + " replica: use Replicated" + t.text(name));
        }
    }
}
