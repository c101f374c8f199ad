package org.bearerguard.internal.container;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.io.Serializable;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bearerguard.internal.context.CurrentPrincipal;

/**
 * Enforces {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll} on CDI beans with the roles of the token
 * bearer-guard verified in this request (no server does so for CDI beans that are not EJBs). A call with no verified
 * caller (outside a request, or from a resource bearer-guard does not guard) is refused unless the method is open.
 * Before the application's own interceptors ({@link Interceptor.Priority#LIBRARY_BEFORE}).
 *
 * <p>Threads: the rules are read once per method into a map bounded by the application's methods.
 */
@RolesChecked
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE)
public class RolesInterceptor implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Map<Method, RoleRules> RULES = new ConcurrentHashMap<>();

    @Inject
    CurrentPrincipal current;

    @AroundInvoke
    public Object check(InvocationContext invocation) throws Exception {
        var method = invocation.getMethod();
        var rules = RULES.computeIfAbsent(method, RoleRules::of);
        if (!rules.permitAll()) {
            var roles = callerRoles();
            if (!rules.admits(roles)) {
                throw new RoleRefusal(method.getDeclaringClass().getName() + "." + method.getName(), roles == null);
            }
        }
        return invocation.proceed();
    }

    /** The verified caller's roles, or null when this request has none (or there is no request). */
    private Set<String> callerRoles() {
        try {
            return current.verified().map(p -> p.getRoles()).orElse(null);
        } catch (ContextNotActiveException e) {
            return null;
        }
    }
}
