package ai.crawbl.migrations.postgres;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One redaction for every way a secret reaches a message: JDBC parameters, a URI's user-info, libpq's key=value
 * form and environment assignments. It removes the secret and keeps everything else the message says.
 */
class RedactionTest {

    @Test
    void aJdbcPasswordParameterIsMaskedUpToTheNextParameterEvenWhenItHoldsASemicolon() {
        assertEquals("jdbc:postgresql://db/x?user=a&password=***&ssl=true",
                Redaction.url("jdbc:postgresql://db/x?user=a&password=s3cret;XYZ&ssl=true"));
    }

    @Test
    void everySecretLookingParameterIsMasked() {
        assertEquals("jdbc:postgresql://db/x?sslpassword=***&sslmode=verify-full&api_token=***&client_secret=***",
                Redaction.url("jdbc:postgresql://db/x?sslpassword=k3y&sslmode=verify-full&api_token=t0k&client_secret=sh"));
    }

    @Test
    void libpqKeyValueConnectionStringsAreMaskedQuotedOrNot() {
        assertEquals("host=db port=5432 user=postgres password=*** dbname=t",
                Redaction.url("host=db port=5432 user=postgres password=s3cret dbname=t"));
        assertEquals("host=db password=*** dbname=t", Redaction.url("host=db password='s3 cr\\'et' dbname=t"));
        assertEquals("host=db password = *** dbname=t", Redaction.url("host=db password = s3cret dbname=t"));
    }

    @Test
    void environmentAssignmentsAreMasked() {
        assertEquals("PGPASSWORD=*** CRAWBL_CLICKHOUSE_PASSWORD=*** PGUSER=app",
                Redaction.url("PGPASSWORD=s3cret CRAWBL_CLICKHOUSE_PASSWORD=ch PGUSER=app"));
    }

    @Test
    void theUserInfoPasswordIsMaskedEvenWithCharactersAUrlShouldHaveEncoded() {
        assertEquals("postgres://user:***@host/db", Redaction.url("postgres://user:s3cret/XYZ@host/db"));
        assertEquals("postgres://user:***@host/db", Redaction.url("postgres://user:p@ss:w/rd@host/db"));
        assertEquals("jdbc:clickhouse://user:***@ch:8123/default", Redaction.url("jdbc:clickhouse://user:pw@ch:8123/default"));
    }

    @Test
    void theRestOfTheMessageIsKept() {
        assertEquals("cannot connect to jdbc:postgresql://db/x?password=*** as app: Connection refused\n  check the server",
                Redaction.url("cannot connect to jdbc:postgresql://db/x?password=s3cret as app: Connection refused\n  check the server"));
        assertEquals("refusing to migrate postgres://app:***@db/x schema s:\n  000001_a.up.sql changed after it was applied",
                Redaction.url("refusing to migrate postgres://app:pw@db/x schema s:\n  000001_a.up.sql changed after it was applied"));
    }

    @Test
    void textWithoutSecretsIsUnchanged() {
        String text = "jdbc:postgresql://db:5432/x?user=a&sslmode=require as a: password authentication failed for user \"a\"";
        assertEquals(text, Redaction.url(text));
        assertEquals("jdbc:postgresql://db:5432/x", Redaction.url("jdbc:postgresql://db:5432/x"));
    }
}
