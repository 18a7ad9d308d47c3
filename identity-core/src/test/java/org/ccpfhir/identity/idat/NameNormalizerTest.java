package org.ccpfhir.identity.idat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameNormalizerTest {

  @Test
  void foldsCaseUmlautsSharpSAccentsAndSpaces() {
    assertThat(NameNormalizer.normalize("  Jürgen-Günther ")).isEqualTo("juergen guenther");
    assertThat(NameNormalizer.normalize("Weiß")).isEqualTo(NameNormalizer.normalize("WEISS"));
    assertThat(NameNormalizer.normalize("José")).isEqualTo("jose");
  }

  @Test
  void dropsTitlesAndParticles() {
    assertThat(NameNormalizer.normalize("Prof. Dr. med. Anna")).isEqualTo("anna");
    assertThat(NameNormalizer.normalize("Dipl.-Ing. Klaus")).isEqualTo("klaus");
    assertThat(NameNormalizer.normalize("von Müller")).isEqualTo("mueller");
    assertThat(NameNormalizer.normalize("Müller, von")).isEqualTo("mueller");
    assertThat(NameNormalizer.normalize("van der Berg")).isEqualTo("berg");
  }

  @Test
  void keepsANameThatIsOnlyTitleOrParticleWords() {
    assertThat(NameNormalizer.normalize("Phil")).isEqualTo("phil");
    assertThat(NameNormalizer.normalize("Dr. Phil")).isEqualTo("dr phil");
    assertThat(NameNormalizer.normalize("Van")).isEqualTo("van");
    assertThat(NameNormalizer.normalize("De La")).isEqualTo("de la");
  }
}
