/**
 * Configuration: every property name and default in {@link org.bearerguard.internal.config.Property}, read once from
 * MicroProfile Config into immutable values ({@code BearerConfig}, one {@code IssuerConfig} per issuer).
 */
package org.bearerguard.internal.config;
