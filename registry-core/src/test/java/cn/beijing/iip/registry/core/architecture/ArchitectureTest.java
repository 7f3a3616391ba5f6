package cn.beijing.iip.registry.core.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/** How registry-core is put together, so that the shape described in its javadoc stays true. */
@AnalyzeClasses(packages = "cn.beijing.iip.registry.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String CORE = "cn.beijing.iip.registry.core..";

    /** registry-model: plain facts the services and the gateway share. */
    private static final String[] MODEL = {"cn.beijing.iip.registry.identity..", "cn.beijing.iip.registry.metrics..",
            "cn.beijing.iip.registry.plan..", "cn.beijing.iip.registry.problem..", "cn.beijing.iip.registry.progress..",
            "cn.beijing.iip.registry.seeds..", "cn.beijing.iip.registry.taxonomy..", "cn.beijing.iip.registry.web.."};

    /**
     * The store's driver stays behind {@code core.store}, so that the lifecycle, the web layer and the
     * error handling read as plain Java. The figures (aggregations that are read models of the
     * collection) and the demo loader (idempotent upserts of seed data) are the store's other users.
     */
    private static final String[] STORE_USERS = {"cn.beijing.iip.registry.core.store..",
            "cn.beijing.iip.registry.core.figures..", "cn.beijing.iip.registry.core.demo.."};

    @ArchTest
    static final ArchRule coreDependsOnNoServiceNorTheGateway = classes().that().resideInAPackage(CORE)
            .should().onlyDependOnClassesThat(resideOutsideOfPackage("cn.beijing.iip..")
                    .or(resideInAnyPackage(CORE))
                    .or(resideInAnyPackage(MODEL)))
            .because("the services build on registry-core, never the other way round");

    @ArchTest
    static final ArchRule onlyTheStoreTalksToTheDriver = noClasses().that(not(resideInAnyPackage(STORE_USERS)))
            .should().dependOnClassesThat().resideInAnyPackage("com.mongodb..", "org.bson..")
            .because("the lifecycle, the web layer and the error handling must not depend on how entries are stored");

    @ArchTest
    static final ArchRule controllersDoNotTouchTheStore = noClasses()
            .that().areAnnotatedWith(RestController.class).or().areAnnotatedWith(Controller.class)
            .should().dependOnClassesThat().resideInAnyPackage("cn.beijing.iip.registry.core.store..", "com.mongodb..",
                    "org.bson..")
            .because("a controller reads the request and hands it to the lifecycle, which owns every rule");

    @ArchTest
    static final ArchRule noFieldInjection = GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

    @ArchTest
    static final ArchRule noStaticState = fields().that().areStatic().should().beFinal()
            .because("state shared between requests lives in beans, never in static fields");

    @ArchTest
    static final ArchRule noStandardStreams = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

    @ArchTest
    static final ArchRule noJavaUtilLogging = GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
}
