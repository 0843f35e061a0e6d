package org.cairn.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfraEnvTest {

    @Test
    void read_takesPlainExportedAndQuotedLines_skipsComments(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("infra.env");
        Files.writeString(file, """
                # written by dev/infra
                CAIRN_PG_PORT=5432
                export CAIRN_KAFKA_BOOTSTRAP=127.0.0.1:19092

                CAIRN_OIDC_URL="http://127.0.0.1:18180/realms/riverbend"
                CAIRN_DEV_DIR='/tmp/with space'
                not a setting
                """);

        assertThat(InfraEnv.read(file))
                .containsEntry("CAIRN_PG_PORT", "5432")
                .containsEntry("CAIRN_KAFKA_BOOTSTRAP", "127.0.0.1:19092")
                .containsEntry("CAIRN_OIDC_URL", "http://127.0.0.1:18180/realms/riverbend")
                .containsEntry("CAIRN_DEV_DIR", "/tmp/with space")
                .hasSize(4);
    }
}
