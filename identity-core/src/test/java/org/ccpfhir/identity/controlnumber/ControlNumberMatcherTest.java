package org.ccpfhir.identity.controlnumber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ccpfhir.identity.idat.Idat;
import org.ccpfhir.identity.idat.IdatField;
import org.ccpfhir.identity.idat.NameNormalizer;
import org.ccpfhir.identity.linkage.LinkageClass;
import org.ccpfhir.synthetic.identity.Corruptor;
import org.ccpfhir.synthetic.identity.IdentityGenerator;
import org.ccpfhir.synthetic.identity.SyntheticIdentity;
import org.junit.jupiter.api.Test;

class ControlNumberMatcherTest {

  private final ControlNumberEncoder encoder =
      new ControlNumberEncoder("generator-secret-of-the-test".getBytes(StandardCharsets.UTF_8));
  private final ControlNumberMatcher matcher = ControlNumberMatcher.withDefaults();

  static Idat record(SyntheticIdentity p) {
    Map<IdatField, String> fields = new EnumMap<>(IdatField.class);
    if (p.firstName() != null) {
      fields.put(IdatField.FIRST_NAME, NameNormalizer.normalize(p.firstName()));
    }
    if (p.lastName() != null) {
      fields.put(IdatField.LAST_NAME, NameNormalizer.normalize(p.lastName()));
    }
    if (p.birthDate() != null) {
      fields.put(IdatField.BIRTH_DAY, String.valueOf(p.birthDate().getDayOfMonth()));
      fields.put(IdatField.BIRTH_MONTH, String.valueOf(p.birthDate().getMonthValue()));
      fields.put(IdatField.BIRTH_YEAR, String.valueOf(p.birthDate().getYear()));
    }
    if (p.sex() != null) {
      fields.put(IdatField.SEX, p.sex());
    }
    return new Idat(fields, p.formerNames().stream().map(NameNormalizer::normalize).toList());
  }

  @Test
  void corruptedCopiesLinkAndDifferentPeopleDoNot() {
    List<SyntheticIdentity> people = new IdentityGenerator(11).people(2000);
    Corruptor corruptor = new Corruptor(12);
    Random random = new Random(13);
    int matches = 0;
    int reviews = 0;
    int falseMatches = 0;
    int falseReviews = 0;
    for (SyntheticIdentity person : people) {
      ControlNumbers original = encoder.encode(record(person));
      ControlNumbers copy = encoder.encode(record(corruptor.corrupt(person)));
      LinkageClass same = matcher.compare(original, copy).classification();
      matches += same == LinkageClass.MATCH ? 1 : 0;
      reviews += same == LinkageClass.POSSIBLE_MATCH ? 1 : 0;
      for (int i = 0; i < 5; i++) {
        SyntheticIdentity other = people.get(random.nextInt(people.size()));
        if (other.personId() != person.personId()) {
          LinkageClass c =
              matcher.compare(original, encoder.encode(record(other))).classification();
          falseMatches += c == LinkageClass.MATCH ? 1 : 0;
          falseReviews += c == LinkageClass.POSSIBLE_MATCH ? 1 : 0;
        }
      }
    }
    double recall = matches / (double) people.size();
    System.out.printf(
        "control numbers, 2000 people: automatic recall %.4f, review %.4f, false matches %d,"
            + " false reviews %d of ~10000 non-pairs%n",
        recall, reviews / (double) people.size(), falseMatches, falseReviews);
    assertThat(falseMatches).isZero();
    assertThat(recall).isGreaterThan(0.75);
    assertThat((matches + reviews) / (double) people.size()).isGreaterThan(0.97);
  }

  @Test
  void lshBlockingFindsTheTrueRecordAmongFewCandidates() {
    List<SyntheticIdentity> people = new IdentityGenerator(21).people(5000);
    Corruptor corruptor = new Corruptor(22);
    LshBlockingIndex index = new LshBlockingIndex(40, 5, 5);
    for (SyntheticIdentity person : people) {
      index.add((int) person.personId(), encoder.encode(record(person)));
    }
    int found = 0;
    long candidates = 0;
    for (SyntheticIdentity person : people) {
      var hits = index.candidates(encoder.encode(record(corruptor.corrupt(person))));
      found += hits.contains((int) person.personId()) ? 1 : 0;
      candidates += hits.size();
    }
    double recall = found / (double) people.size();
    double perLookup = candidates / (double) people.size();
    System.out.printf(
        "LSH over 5000 records: true record among candidates %.4f, %.1f candidates per lookup%n",
        recall, perLookup);
    assertThat(recall).isGreaterThan(0.97);
    assertThat(perLookup).isLessThan(people.size() / 20.0);
  }

  @Test
  void controlNumbersRoundTripAndCarryNoIdat() {
    SyntheticIdentity person = new IdentityGenerator(3).people(1).get(0);
    ControlNumbers numbers = encoder.encode(record(person));

    String wire = numbers.toBase64();
    ControlNumbers back = ControlNumbers.fromBase64(wire);

    assertThat(matcher.compare(numbers, back).score()).isEqualTo(1.0);
    assertThat(wire).doesNotContain(NameNormalizer.normalize(person.lastName()));
    assertThat(numbers.toString()).doesNotContain(person.lastName());
    assertThatThrownBy(() -> ControlNumbers.fromBase64("AAAA"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anotherSecretGivesUnrelatedFilters() {
    SyntheticIdentity person = new IdentityGenerator(4).people(1).get(0);
    ControlNumberEncoder other =
        new ControlNumberEncoder("another-generator-secret".getBytes(StandardCharsets.UTF_8));

    assertThat(
            matcher
                .compare(encoder.encode(record(person)), other.encode(record(person)))
                .classification())
        .isEqualTo(LinkageClass.NON_MATCH);
  }
}
