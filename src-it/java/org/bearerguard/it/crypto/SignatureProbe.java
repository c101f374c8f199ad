package org.bearerguard.it.crypto;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.bearerguard.internal.crypto.Signatures;

/**
 * Test-only: who checks signatures in this deployment under the default setting, as the start-up log line says it
 * ({@code bearer.signature-provider=auto}). No application needs this; the integration test does, to see the choice
 * made on the real server with the providers in the WAR.
 */
@Path("signature-providers")
public class SignatureProbe {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String chosen() {
        return Signatures.forSetting("auto").toString();
    }
}
