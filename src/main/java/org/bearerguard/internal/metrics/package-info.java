/**
 * bearer-guard's metrics through MicroProfile Metrics 5, where the application sees that API: the one package that
 * names it, never scanned by CDI (added by {@link org.bearerguard.internal.metrics.MetricsExtension}).
 */
package org.bearerguard.internal.metrics;
