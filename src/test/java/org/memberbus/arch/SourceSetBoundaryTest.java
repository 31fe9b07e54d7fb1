package org.memberbus.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The bus and its sandbox are two source sets in one build: {@code src/main/java} ships in the
 * production jar, {@code src/sandbox/java} only in the sandbox jar. The production build fails to
 * compile bus code that reaches into the sandbox; this test says so in the default build too.
 * The other way round, no compiler stops a simulator from borrowing the bus's classes, and one that
 * did (its model, its signing) would agree with the bus by construction and hide the bus's bugs.
 */
@AnalyzeClasses(packages = "org.memberbus", importOptions = ImportOption.DoNotIncludeTests.class)
class SourceSetBoundaryTest {

    @ArchTest
    static final ArchRule busDoesNotUseTheSandbox = noClasses()
            .that().resideInAPackage("org.memberbus..").and().resideOutsideOfPackage("org.memberbus.sandbox..")
            .should().dependOnClassesThat().resideInAPackage("org.memberbus.sandbox..")
            .because("the production jar holds no sandbox class");

    @ArchTest
    static final ArchRule sandboxDoesNotUseTheBus = noClasses()
            .that().resideInAPackage("org.memberbus.sandbox..")
            .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("org.memberbus..")
                    .and(JavaClass.Predicates.resideOutsideOfPackage("org.memberbus.sandbox..")))
            .because("a simulator stands for a partner's system, which knows nothing of the bus: "
                    + "it keeps its own model and its own signing");
}
