package org.bearerguard.it.container;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** A plain servlet on a path bearer-guard's servlet filter guards, calling a role-checked CDI bean. */
@WebServlet("/audit-servlet")
public class AuditServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    Audit audit;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().write(audit.read());
    }
}
