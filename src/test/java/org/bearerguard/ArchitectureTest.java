package org.bearerguard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package rules of ARCHITECTURE.md, checked on the compiled library (not its tests). */
class ArchitectureTest {

    private static final JavaClasses LIBRARY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.bearerguard");

    @Test
    void whenPackagesDependOnEachOtherThenNeverInACycle() {
        slices().matching("org.bearerguard.(**)").should().beFreeOfCycles().check(LIBRARY);
    }

    @Test
    void whenTheApiPackageIsUsedThenItNeedsNothingInternal() {
        noClasses().that().resideInAPackage("org.bearerguard")
                .should().dependOnClassesThat().resideInAPackage("org.bearerguard.internal..")
                .check(LIBRARY);
    }

    @Test
    void whenKeysAreLookedUpThenTheAnswerIsDataNeverAnHttpError() {
        noClasses().that().resideInAnyPackage("org.bearerguard.internal.keys..", "org.bearerguard.internal.region..")
                .should().dependOnClassesThat().resideInAnyPackage("org.bearerguard.internal.error..",
                        "org.bearerguard.internal.filter..", "org.bearerguard.internal.verify..", "jakarta.ws.rs..")
                .check(LIBRARY);
    }

    @Test
    void whenTheRequestPathIsBuiltThenOnlyFilterContextAnnotationRulesAndResourceLayoutKnowJaxRs() {
        noClasses().that().resideOutsideOfPackages("org.bearerguard.internal.filter..",
                        "org.bearerguard.internal.context..", "org.bearerguard.internal.authorize..", "org.bearerguard",
                        "org.bearerguard.internal.metadata..", "org.bearerguard.internal.servlet..")
                .should().dependOnClassesThat().resideInAPackage("jakarta.ws.rs..")
                .check(LIBRARY);
    }

    @Test
    void whenMetricsAreRecordedThenOnlyTheMetricsPackageNamesTheMetricsApi() {
        noClasses().that().resideOutsideOfPackage("org.bearerguard.internal.metrics..")
                .should().dependOnClassesThat().resideInAPackage("org.eclipse.microprofile.metrics..")
                .check(LIBRARY);
    }

    @Test
    void whenTheMetricsPackageIsThereThenNothingElseNamesIt() {
        noClasses().that().resideOutsideOfPackage("org.bearerguard.internal.metrics..")
                .should().dependOnClassesThat().resideInAPackage("org.bearerguard.internal.metrics..")
                .check(LIBRARY);
    }

    /** The test kit's classes (its own tests are in a package below, which the testkit jar leaves out). */
    private static final DescribedPredicate<JavaClass> KIT = DescribedPredicate.describe("the test kit",
            c -> c.getPackageName().equals("org.bearerguard.testkit"));

    private static final JavaClasses KIT_AND_TESTS = new ClassFileImporter().importPackages("org.bearerguard.testkit");

    @Test
    void whenUsersTestWithTheKitThenItNeedsOnlyTheJdkJose4jAndJUnit() {
        noClasses().that(KIT).should().dependOnClassesThat().resideOutsideOfPackages("java..", "javax..",
                        "com.sun.net.httpserver..", "org.jose4j..", "org.junit.jupiter.api..",
                        "org.bearerguard.testkit")
                .check(KIT_AND_TESTS);
    }

    @Test
    void whenTheMicroProfileHealthApiIsMissingThenNoClassOutsideTheHealthChecksNamesIt() {
        // CDI never scans the health package; only its extension (META-INF/services) reaches it, by class literals
        noClasses().that().resideOutsideOfPackage("org.bearerguard.internal.health..")
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.microprofile.health..",
                        "org.bearerguard.internal.health..")
                .check(LIBRARY);
        noClasses().that().haveFullyQualifiedName("org.bearerguard.internal.health.HealthExtension")
                .or().haveFullyQualifiedName("org.bearerguard.internal.health.KeyHealth")
                .should().dependOnClassesThat().resideInAPackage("org.eclipse.microprofile.health..")
                .check(LIBRARY);
    }
}
