package org.ccpfhir.synthetic.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdentityGeneratorTest {

  @Test
  void peopleAreDeterministicAndVaried() {
    List<SyntheticIdentity> people = new IdentityGenerator(1).people(2000);

    assertThat(new IdentityGenerator(1).people(2000)).isEqualTo(people);
    Set<String> lastNames = new HashSet<>();
    people.forEach(p -> lastNames.add(p.lastName()));
    assertThat(lastNames).hasSizeGreaterThan(200);
    assertThat(people).extracting(SyntheticIdentity::sex).contains("female", "male");
  }

  @Test
  void everyCorruptionKeepsTheGroundTruthAndChangesSomething() {
    SyntheticIdentity person = new IdentityGenerator(2).people(1).get(0);
    Corruptor corruptor = new Corruptor(3);
    for (Corruptor.Kind kind : Corruptor.Kind.values()) {
      SyntheticIdentity copy = corruptor.corrupt(person, kind);
      assertThat(copy.personId()).isEqualTo(person.personId());
      assertThat(copy).as(kind.name()).isNotEqualTo(person);
    }
    SyntheticIdentity married = corruptor.corrupt(person, Corruptor.Kind.MARRIAGE);
    assertThat(married.formerNames()).contains(person.lastName());
  }
}
