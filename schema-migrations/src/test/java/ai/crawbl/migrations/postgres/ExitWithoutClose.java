package ai.crawbl.migrations.postgres;

/** A program that starts a throwaway cluster, prints its data directory, and exits without closing it. */
final class ExitWithoutClose {
    private ExitWithoutClose() {
    }

    public static void main(String[] args) {
        EmbeddedPostgres postgres = EmbeddedPostgres.throwaway().start();
        System.out.println(postgres.dataDirectory());
        System.exit(0);
    }
}
