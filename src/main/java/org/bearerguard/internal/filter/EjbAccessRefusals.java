package org.bearerguard.internal.filter;

import jakarta.ejb.EJBAccessException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * {@code EJBAccessException}: an EJB's {@code @RolesAllowed} refused the container's caller, who is the verified
 * bearer principal or nobody. Registered by {@link ContainerRefusals} only where the EJB API is visible.
 */
public class EjbAccessRefusals implements ExceptionMapper<EJBAccessException> {

    @Override
    public Response toResponse(EJBAccessException refusal) {
        return ContainerRefusals.refusal(false);
    }
}
