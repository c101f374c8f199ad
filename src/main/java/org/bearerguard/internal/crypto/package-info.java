/**
 * Who checks signatures: the JDK, or a faster provider the application has on its class path (ACCP, Conscrypt,
 * BouncyCastle), chosen once per setting of {@code bearer.signature-provider} and proven by a self-test first
 * ({@link org.bearerguard.internal.crypto.ProviderChoice}); the pooled JCA check for one algorithm
 * ({@link org.bearerguard.internal.crypto.JcaVerifier}); keys made for their provider as key sets are installed
 * ({@link org.bearerguard.internal.crypto.Signatures}).
 */
package org.bearerguard.internal.crypto;
