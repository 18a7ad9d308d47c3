package org.ccpfhir.profiles.fast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccpfhir.profiles.fast.Shared.CTX;
import static org.ccpfhir.profiles.fast.Shared.dump;
import static org.ccpfhir.profiles.fast.Shared.errors;

import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.ArrayList;
import java.util.List;
import org.ccpfhir.profiles.MdsExamples;
import org.ccpfhir.profiles.MdsExamples.Example;
import org.ccpfhir.profiles.MdsExamples.Kind;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mutants of the valid and DKTK-shaped examples: whenever the HL7 validator rejects a mutant, the
 * fast validator must reject it too (no false accepts), and it must not reject what the HL7
 * validator accepts (no false rejects).
 */
class MutationEquivalenceTest {

  private static final Logger LOG = LoggerFactory.getLogger(MutationEquivalenceTest.class);

  @Test
  void fastValidatorAgreesWithHl7ValidatorOnMutants() {
    FastMdsValidator fast = null;
    IParser parser = CTX.newJsonParser();
    List<String> falseAccepts = new ArrayList<>();
    List<String> falseRejects = new ArrayList<>();
    List<String> otherRules = new ArrayList<>();
    int total = 0;
    int rejected = 0;
    long delegated = 0;
    int examples = 0;
    for (Example example : MdsExamples.all()) {
      if (example.kind() != Kind.VALID && example.kind() != Kind.DKTK) {
        continue;
      }
      if (examples++ % 7 == 0) {
        // fresh validators now and then: the pooled HL7 InstanceValidators keep element trees of
        // past validations (executed-constraint cache), ~100 KB per distinct resource, which
        // thousands of mutants would pile up beyond the 1 GB test heap
        delegated += fast == null ? 0 : fast.delegatedCount();
        fast = FastMdsValidator.create(CTX);
      }
      String json = parser.encodeResourceToString(example.parse(CTX));
      for (Mutants.Mutant mutant : Mutants.of(json)) {
        IBaseResource resource;
        try {
          resource = parser.parseResource(mutant.json());
        } catch (RuntimeException e) {
          continue; // not even parseable: never reaches a validator
        }
        List<String> profiles = List.of(example.profileUrl());
        ValidationResult hl7 = fast.fallback().validate(resource, profiles);
        String before = parser.encodeResourceToString(resource);
        ValidationResult mine = fast.validate(resource, profiles);
        assertThat(parser.encodeResourceToString(resource))
            .as("validation must not change the resource: %s", mutant.description())
            .isEqualTo(before);
        total++;
        boolean hl7Rejects = !errors(hl7).isEmpty();
        boolean fastRejects = !errors(mine).isEmpty();
        rejected += hl7Rejects ? 1 : 0;
        String line =
            example
                + " / "
                + mutant.description()
                + "\n HL7:"
                + dump(hl7)
                + "\n fast:"
                + dump(mine);
        if (hl7Rejects && !fastRejects) {
          falseAccepts.add(line);
        } else if (!hl7Rejects && fastRejects) {
          falseRejects.add(line);
        } else if (!rules(hl7).equals(rules(mine))) {
          otherRules.add(line + "\n HL7 rules: " + rules(hl7) + "\n fast rules: " + rules(mine));
        }
      }
    }
    delegated += fast.delegatedCount();
    LOG.info(
        "mutants: {}, rejected by HL7: {}, delegated to HL7: {}, false accepts: {}, false rejects: {},"
            + " other elements or rules: {}",
        total,
        rejected,
        delegated,
        falseAccepts.size(),
        falseRejects.size(),
        otherRules.size());
    falseAccepts.forEach(line -> LOG.warn("FALSE ACCEPT {}", line));
    falseRejects.forEach(line -> LOG.warn("FALSE REJECT {}", line));
    // not asserted yet: on some mutants FAST still names other rules (wrong choice types,
    // extension context and url), see the profiles README
    otherRules.stream().limit(20).forEach(line -> LOG.info("OTHER RULES {}", line));
    assertThat(falseAccepts).as("false accepts").isEmpty();
    assertThat(falseRejects).as("false rejects").isEmpty();
  }

  /**
   * Element and rule of each refusing message; the HL7 validator's pass-through echoes of the
   * terminology service are left out (FAST puts their text into the rule's own message).
   */
  private static java.util.Set<String> rules(ValidationResult result) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (var message : errors(result)) {
      if (!"Terminology_PassThrough_TX_Message".equals(message.getMessageId())) {
        out.add(message.getLocationString() + " [" + message.getMessageId() + "]");
      }
    }
    return out;
  }
}
