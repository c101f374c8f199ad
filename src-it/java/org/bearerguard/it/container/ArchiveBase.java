package org.bearerguard.it.container;

/** Declares a method with no JSR 250 annotation of its own, inherited by a bean whose class names a role. */
public class ArchiveBase {

    public String list() {
        return "archive list";
    }
}
