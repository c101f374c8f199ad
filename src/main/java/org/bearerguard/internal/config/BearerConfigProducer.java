package org.bearerguard.internal.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads MicroProfile Config once, at deployment, into the one {@link BearerConfig} everything else shares. */
@ApplicationScoped
public class BearerConfigProducer {

    @Produces
    @Singleton
    BearerConfig bearerConfig() {
        var config = ConfigProvider.getConfig(Thread.currentThread().getContextClassLoader());
        return new ConfigReader(name -> config.getOptionalValue(name, String.class), config.getPropertyNames()).read();
    }
}
