package org.memberbus.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The bus and its sandbox are two source sets in one build: {@code src/main/java} ships in the
 * production jar, {@code src/sandbox/java} only in the sandbox jar. The production build fails to
 * compile bus code that reaches into the sandbox; this test says so in the default build too.
 */
@AnalyzeClasses(packages = "org.memberbus", importOptions = ImportOption.DoNotIncludeTests.class)
class SourceSetBoundaryTest {

    @ArchTest
    static final ArchRule busDoesNotUseTheSandbox = noClasses()
            .that().resideInAPackage("org.memberbus..").and().resideOutsideOfPackage("org.memberbus.sandbox..")
            .should().dependOnClassesThat().resideInAPackage("org.memberbus.sandbox..")
            .because("the production jar holds no sandbox class");
}
