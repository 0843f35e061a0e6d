package org.cairn.testing;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Offers the entries of {@code .dev/infra.env} ({@code CAIRN_PG_PORT}, {@code CAIRN_KAFKA_BOOTSTRAP},
 * {@code CAIRN_OIDC_URL}, ...) as configuration, so that a test resolves the same
 * {@code ${CAIRN_...}} expressions a running service resolves from its environment. Real environment
 * variables still win; only the test classpath has this source.
 */
public class InfraEnvConfigSource implements ConfigSource {

    /** Above application.properties (250), below environment variables (300). */
    static final int ORDINAL = 275;

    @Override
    public Map<String, String> getProperties() {
        return InfraEnv.entries();
    }

    @Override
    public Set<String> getPropertyNames() {
        return InfraEnv.entries().keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return InfraEnv.entries().get(propertyName);
    }

    @Override
    public String getName() {
        return "cairn-dev-infra-env";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
