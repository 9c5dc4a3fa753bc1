package io.github.qwenbench;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code, checked on the compiled classes: packages form layers with no cycle, the
 * PyTorch engine is reached only through its own package, suites never use each other, and no Maven
 * type lives below the mojos. ARCHITECTURE in docs/architecture.md draws the same picture.
 */
class ArchitectureTest {

    private static final String BASE = "io.github.qwenbench";

    /** The suites: one package each, none using another. */
    static final List<String> SUITES = List.of("accuracy", "performance", "memory", "scalability", "system",
            "generation", "hardware");

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(BASE);

    @Test
    void packagesFormLayersFromNumbersUpToTheMojos() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("stats").definedBy(BASE + ".stats..")
                .layer("scoring").definedBy(BASE + ".scoring..")
                .layer("gate").definedBy(BASE + ".gate..")
                .layer("json").definedBy(BASE + ".json..")
                .layer("html").definedBy(BASE + ".html..")
                .layer("plan").definedBy(BASE + ".plan..")
                .layer("host").definedBy(BASE + ".host..")
                .layer("torchscript").definedBy(BASE + ".torchscript..")
                .layer("endpoint").definedBy(BASE + ".endpoint..")
                .layer("onnx").definedBy(BASE + ".onnx..")
                .layer("model").definedBy(BASE + ".model..")
                .layer("workload").definedBy(BASE + ".workload..")
                .layer("decoding").definedBy(BASE + ".decoding..")
                .layer("measure").definedBy(BASE + ".measure..")
                .layer("suite api").definedBy(BASE + ".suite..")
                .layer("suites").definedBy(SUITES.stream().map(s -> BASE + "." + s + "..").toArray(String[]::new))
                .layer("report").definedBy(BASE + ".report..")
                .layer("worker").definedBy(BASE + ".worker..")
                .layer("run").definedBy(BASE + ".run..")
                .layer("plugin").definedBy(BASE + ".plugin..")
                .whereLayer("plugin").mayNotBeAccessedByAnyLayer()
                .whereLayer("run").mayOnlyBeAccessedByLayers("plugin")
                .whereLayer("worker").mayOnlyBeAccessedByLayers("run", "plugin")
                .whereLayer("report").mayOnlyBeAccessedByLayers("run", "plugin")
                .whereLayer("suites").mayNotBeAccessedByAnyLayer()
                .whereLayer("suite api").mayOnlyBeAccessedByLayers("suites", "report", "worker", "run", "plugin")
                .whereLayer("measure").mayOnlyBeAccessedByLayers("suites")
                .whereLayer("decoding").mayOnlyBeAccessedByLayers("suites")
                .whereLayer("workload").mayOnlyBeAccessedByLayers("suites", "worker", "run", "plugin")
                .whereLayer("model").mayOnlyBeAccessedByLayers("workload", "decoding", "measure", "suite api",
                        "suites", "worker", "run", "plugin")
                .whereLayer("torchscript").mayOnlyBeAccessedByLayers("model", "worker", "run")
                .whereLayer("endpoint").mayOnlyBeAccessedByLayers("model", "workload", "decoding", "measure", "suite api",
                        "suites", "worker", "run")
                .whereLayer("onnx").mayOnlyBeAccessedByLayers("model", "worker", "run")
                .whereLayer("host").mayOnlyBeAccessedByLayers("torchscript", "onnx", "model", "workload", "decoding",
                        "measure", "suite api", "suites", "report", "worker", "run", "plugin")
                .whereLayer("plan").mayOnlyBeAccessedByLayers("host", "torchscript", "onnx", "endpoint", "model", "workload",
                        "decoding", "measure", "suite api", "suites", "report", "worker", "run", "plugin")
                .whereLayer("scoring").mayOnlyBeAccessedByLayers("workload", "suites", "run")
                .whereLayer("stats").mayOnlyBeAccessedByLayers("gate", "plan", "host", "torchscript", "onnx", "model",
                        "workload", "decoding", "measure", "suite api", "suites", "report", "worker", "run", "plugin")
                .check(CLASSES);
    }

    @Test
    void noPackageCycle() {
        slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void suitesNeverUseEachOther() {
        for (String suite : SUITES) {
            String[] others = SUITES.stream().filter(s -> !s.equals(suite)).map(s -> BASE + "." + s + "..")
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage(BASE + "." + suite + "..").should().dependOnClassesThat()
                    .resideInAnyPackage(others).check(CLASSES);
        }
    }

    @Test
    void pytorchTypesStayInTheEnginePackage() {
        noClasses().that(not(resideInAPackage(BASE + ".torchscript.."))).should().dependOnClassesThat()
                .resideInAPackage("ai.djl.pytorch..").check(CLASSES);
    }

    @Test
    void onnxRuntimeTypesStayInTheEnginePackage() {
        noClasses().that(not(resideInAPackage(BASE + ".onnx.."))).should().dependOnClassesThat()
                .resideInAPackage("ai.onnxruntime..").check(CLASSES);
    }

    @Test
    void numbersAndVerdictsKnowNoEngineAndNoMaven() {
        noClasses().that().resideInAnyPackage(BASE + ".stats..", BASE + ".scoring..", BASE + ".gate..").should().dependOnClassesThat()
                .resideInAnyPackage("ai.djl..", "ai.onnxruntime..", "org.apache.maven..").check(CLASSES);
    }

    @Test
    void noMavenTypeBelowTheMojos() {
        noClasses().that(not(resideInAPackage(BASE + ".plugin.."))).should().dependOnClassesThat()
                .resideInAnyPackage("org.apache.maven..", "org.codehaus.plexus..").check(CLASSES);
    }

    /** Every package is in a layer: a new package must be placed before it can be used. */
    @Test
    void everyPackageHasItsLayer() throws IOException {
        Set<String> layered = new TreeSet<>(List.of("stats", "scoring", "gate", "json", "html", "plan", "host", "torchscript", "onnx", "endpoint",
                "model", "workload", "decoding", "measure", "suite", "report", "worker", "run", "plugin"));
        layered.addAll(SUITES);
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(Path.of("src/main/java/io/github/qwenbench"))) {
            dirs.filter(Files::isDirectory).forEach(d -> packages.add(d.getFileName().toString()));
        }
        assertEquals(layered, packages);
    }

    /** The registry lists every suite package's definition, in report order. */
    @Test
    void theRegistryListsEverySuite() throws IOException {
        List<String> registered = Files.readAllLines(
                Path.of("src/main/resources/META-INF/services/io.github.qwenbench.suite.SuiteDefinition"));
        assertEquals(SUITES, registered.stream().map(line -> line.split("\\.")[3]).toList());
    }
}
