package org.bearerguard.it;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Ends a process the tests started together with everything it started (a script and the JVM it runs). */
public final class ProcessTrees {

    private ProcessTrees() {
    }

    /** SIGTERM to the whole tree, so servers shut down cleanly; SIGKILL to what is still there after 30 s. */
    public static void stop(ProcessHandle root) {
        var all = tree(root);
        all.forEach(ProcessHandle::destroy);
        for (var p : all) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
    }

    /** SIGKILL to the whole tree, as in a crash: no goodbye to anyone. Returns once all are gone. */
    public static void kill(ProcessHandle root) {
        var all = tree(root);
        all.forEach(ProcessHandle::destroyForcibly);
        all.forEach(p -> p.onExit().join());
    }

    private static List<ProcessHandle> tree(ProcessHandle root) {
        var all = new ArrayList<ProcessHandle>();
        root.descendants().forEach(all::add);
        all.add(root);
        return all;
    }
}
