package com.lightsailaccess;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The arrows between the packages, checked on the compiled classes so that the build keeps them one way: no two
 * packages depend on each other, the platform packages know no feature, and the two platforms that stand alone
 * ({@code queue}, {@code iam}) know no other package of the bot at all.
 */
class ArchitectureTest {

    static final String ROOT = "com.lightsailaccess";
    static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theQueueKnowsNoOtherPackageOfTheBot() {
        standsAlone("queue");
    }

    @Test
    void iamKnowsNoOtherPackageOfTheBot() {
        standsAlone("iam");
    }

    @Test
    void platformPackagesKnowNoFeature() {
        noClasses().that().resideInAnyPackage(ROOT + ".slack..", ROOT + ".iam..", ROOT + ".queue..",
                ROOT + ".config..").should().dependOnClassesThat().resideInAnyPackage(ROOT + ".jobs..")
                .check(classes);
    }

    private static void standsAlone(String platform) {
        noClasses().that().resideInAPackage(ROOT + "." + platform + "..").should().dependOnClassesThat(
                JavaClass.Predicates.resideInAPackage(ROOT + "..")
                        .and(JavaClass.Predicates.resideOutsideOfPackage(ROOT + "." + platform + "..")))
                .check(classes);
    }
}
