package org.cairn.platform.config;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * With {@code cairn.migrate-only=true} a service applies its database migrations (Flyway runs before
 * startup completes) and exits with status 0: what a Kubernetes migration Job runs before the
 * service's pods are rolled (the Helm chart's {@code migrations.job}).
 */
@ApplicationScoped
class MigrateOnly {

    private static final Logger LOG = Logger.getLogger(MigrateOnly.class);

    void onStart(@Observes StartupEvent event, CairnConfig config) {
        if (config.migrateOnly()) {
            LOG.info("cairn.migrate-only is set: the database is migrated, stopping");
            Quarkus.asyncExit(0);
        }
    }
}
