/**
 * MicroProfile Health, where the application sees its API: a startup and a readiness check named
 * {@code bearer-guard} with one entry per issuer, computed from the key sets in memory (never a network call). Only
 * {@code HealthExtension} adds the checks, and only where {@code org.eclipse.microprofile.health} can be loaded;
 * CDI never scans this package (beans.xml), so without the API nothing here is loaded but the extension.
 */
package org.bearerguard.internal.health;
