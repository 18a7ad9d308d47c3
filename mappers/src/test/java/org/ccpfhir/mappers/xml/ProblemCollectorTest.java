package org.ccpfhir.mappers.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ProblemCollectorTest {

  static final Set<String> NAMES = Set.of("Nachname", "Geschlecht", "date", "Namenstring255_Typ");

  @Test
  void keepsSchemaNamesAndRedactsEverythingElseQuoted() {
    assertThat(
            ProblemCollector.redact("The value 'Meier' of element 'Nachname' is not valid.", NAMES))
        .isEqualTo("The value (redacted) of element 'Nachname' is not valid.");
    assertThat(ProblemCollector.redact("'1950-02-30' is not a valid value for 'date'.", NAMES))
        .isEqualTo("(redacted) is not a valid value for 'date'.");
    assertThat(
            ProblemCollector.redact(
                "Invalid content starting with element '{\"urn:x\":Geschlecht}'. One of"
                    + " '{\"urn:x\":Nachname, \"urn:x\":Geschlecht}' is expected.",
                NAMES))
        .isEqualTo(
            "Invalid content starting with element '{Geschlecht}'. One of"
                + " '{Nachname, Geschlecht}' is expected.");
  }

  @Test
  void aValueThatLooksLikeAListOfUnknownNamesIsRedacted() {
    assertThat(ProblemCollector.redact("Value '{Meier, Anna}' is wrong", NAMES))
        .isEqualTo("Value (redacted) is wrong");
  }
}
