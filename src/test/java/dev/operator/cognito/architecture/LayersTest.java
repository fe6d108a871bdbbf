package dev.operator.cognito.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layers the README's layout describes, checked on the compiled main code: the framework stays
 * in {@code controller}, the AWS SDK in {@code aws}, one pass ({@code sync}) knows neither, and no
 * two packages depend on each other.
 */
@AnalyzeClasses(
    packages = "dev.operator.cognito",
    importOptions = {ImportOption.DoNotIncludeTests.class})
class LayersTest {

  private static final String BASE = "dev.operator.cognito";

  /** The one wiring site may know everything; the rest keeps to its layer. */
  private static final String WIRING = BASE + ".CognitoUserOperator";

  @ArchTest
  static final ArchRule onlyTheControllerImportsTheOperatorFramework =
      noClasses()
          .that()
          .resideOutsideOfPackage(BASE + ".controller..")
          .and()
          .doNotHaveFullyQualifiedName(WIRING)
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.javaoperatorsdk..")
          .because("the framework adapter is the controller package, and it stays thin");

  @ArchTest
  static final ArchRule onlyTheAwsPackageImportsTheAwsSdk =
      noClasses()
          .that()
          .resideOutsideOfPackage(BASE + ".aws..")
          .and()
          .doNotHaveFullyQualifiedName(WIRING)
          .should()
          .dependOnClassesThat()
          .resideInAPackage("software.amazon..")
          .because("only the gateway knows the AWS SDK; the rest speaks its failure vocabulary");

  @ArchTest
  static final ArchRule onePassKnowsNeitherTheFrameworkNorTheSdkNorTheKubernetesClient =
      noClasses()
          .that()
          .resideInAPackage(BASE + ".sync..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.javaoperatorsdk..",
              "software.amazon..",
              "io.fabric8.kubernetes.client..",
              BASE + ".controller..")
          .because("a pass is decided on values: it can be tested without a cluster or AWS");

  @ArchTest
  static final ArchRule theAwsLayerKnowsNoStatusReasons =
      noClasses()
          .that()
          .resideInAPackage(BASE + ".aws..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(BASE + ".api..", BASE + ".sync..", BASE + ".controller..")
          .because("the adapter says what failed; the step that called it chooses the reason");

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching(BASE + ".(**)").should().beFreeOfCycles();
}
