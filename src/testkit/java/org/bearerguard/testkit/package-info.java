/**
 * bearer-guard's test kit, for the tests of applications that use bearer-guard (the jar with classifier
 * {@code testkit}): {@link org.bearerguard.testkit.TestIssuer}, a local authorization server's key endpoints on
 * 127.0.0.1 (OIDC discovery, RFC 8414 metadata, JWKS) with the configuration a deployment needs;
 * {@link org.bearerguard.testkit.TokenBuilder}, access tokens valid by default, one method per change;
 * {@link org.bearerguard.testkit.DpopProof}, RFC 9449 proofs; {@link org.bearerguard.testkit.WithTestIssuer}, a JUnit 5
 * extension that starts an issuer per test class. Depends on the JDK, jose4j (which bearer-guard brings) and JUnit 5's
 * API only; never on bearer-guard's internals.
 */
package org.bearerguard.testkit;
