package org.ccpfhir.identity.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.ccpfhir.identity.idat.Idat;
import org.ccpfhir.identity.idat.IdatField;
import org.ccpfhir.identity.linkage.LinkageClass;
import org.ccpfhir.identity.pseudonym.PseudonymGenerator;
import org.ccpfhir.identity.pseudonym.PseudonymRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class LocalPatientListTest {

  DataSource dataSource;
  LocalPatientRepository repository;
  LocalPatientList list;

  @BeforeEach
  void setUp() {
    dataSource =
        new DriverManagerDataSource(
            "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=LEGACY", "sa", "");
    LocalPatientRepository.SCHEMA.migrate(dataSource);
    PseudonymRegistry.SCHEMA.migrate(dataSource);
    repository = new LocalPatientRepository(dataSource);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    list =
        new LocalPatientList(
            repository,
            new IdatCipher(Base64.getEncoder().encodeToString(key)),
            new BlockingKeys(key),
            new EpiLinkMatcher(0.95, 0.80),
            new PseudonymRegistry(dataSource, new PseudonymGenerator()::next, Clock.systemUTC()),
            "BK-HD-L",
            Clock.systemUTC());
  }

  private static Idat person(String first, String last, int day, int month) {
    Map<IdatField, String> fields = new EnumMap<>(IdatField.class);
    fields.put(IdatField.FIRST_NAME, first);
    fields.put(IdatField.LAST_NAME, last);
    fields.put(IdatField.BIRTH_DAY, String.valueOf(day));
    fields.put(IdatField.BIRTH_MONTH, String.valueOf(month));
    fields.put(IdatField.BIRTH_YEAR, "1958");
    return new Idat(fields, List.of());
  }

  @Test
  void aKnownPersonKeepsTheirPseudonymAlsoWithATypo() {
    LocalPatientList.Outcome first = list.pseudonymize(person("hildegunde", "zwiebelmeier", 12, 3));
    LocalPatientList.Outcome again = list.pseudonymize(person("hildegunde", "zwiebelmeyer", 12, 3));
    LocalPatientList.Outcome swapped =
        list.pseudonymize(person("zwiebelmeier", "hildegunde", 12, 3));
    LocalPatientList.Outcome other = list.pseudonymize(person("karl", "schmidt", 1, 7));

    assertThat(first.classification()).isEqualTo(LinkageClass.NON_MATCH);
    assertThat(again.bkLocalId()).isEqualTo(first.bkLocalId());
    assertThat(swapped.bkLocalId()).isEqualTo(first.bkLocalId());
    assertThat(other.bkLocalId()).isNotEqualTo(first.bkLocalId());
    assertThat(repository.count()).isEqualTo(2);
  }

  @Test
  void aPossibleMatchGetsANewPseudonymAndGoesToReview() {
    LocalPatientList.Outcome first = list.pseudonymize(person("hildegunde", "zwiebelmeier", 12, 3));
    LocalPatientList.Outcome doubtful =
        list.pseudonymize(person("hildegunde", "zwiebelmeier", 3, 12));

    assertThat(doubtful.classification()).isEqualTo(LinkageClass.POSSIBLE_MATCH);
    assertThat(doubtful.bkLocalId()).isNotEqualTo(first.bkLocalId());
    assertThat(repository.openReviews())
        .singleElement()
        .satisfies(
            review -> {
              assertThat(review.get("BK_LOCAL_ID")).isEqualTo(doubtful.bkLocalId());
              assertThat(review.get("CANDIDATE_ID")).isEqualTo(first.bkLocalId());
            });
  }

  @Test
  void eightSimultaneousRequestsForOneNewPersonCreateOnePseudonym() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Callable<String>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      calls.add(() -> list.pseudonymize(person("anna", "quittenberg", 9, 9)).bkLocalId());
    }
    Set<String> ids = new HashSet<>();
    for (Future<String> result : pool.invokeAll(calls)) {
      ids.add(result.get());
    }
    pool.shutdown();

    assertThat(ids).hasSize(1);
    assertThat(repository.count()).isEqualTo(1);
  }

  @Test
  void afterWithdrawalThePersonIsGoneAndThePseudonymRetired() {
    LocalPatientList.Outcome first = list.pseudonymize(person("hildegunde", "zwiebelmeier", 12, 3));
    list.pseudonymize(person("hildegunde", "zwiebelmeier", 3, 12));

    assertThat(list.withdraw(first.bkLocalId())).isTrue();

    assertThat(repository.openReviews()).isEmpty();
    assertThat(repository.count()).isEqualTo(1);
    assertThat(
            new PseudonymRegistry(dataSource, () -> "unused", Clock.systemUTC())
                .isRetired(first.bkLocalId()))
        .isTrue();
    LocalPatientList.Outcome again = list.pseudonymize(person("hildegunde", "zwiebelmeier", 12, 3));
    assertThat(again.bkLocalId()).isNotEqualTo(first.bkLocalId());
    assertThat(list.withdraw("UNKNOWN00")).isFalse();
  }

  @Test
  void theDataManagersDecisionTakesEffect() {
    String kept = list.pseudonymize(person("hildegunde", "zwiebelmeier", 12, 3)).bkLocalId();
    String doubtful = list.pseudonymize(person("hildegunde", "zwiebelmeier", 3, 12)).bkLocalId();
    String reviewId = (String) list.openReviews().get(0).get("ID");

    assertThat(list.decide(reviewId, LocalPatientList.Decision.LINK)).contains(kept);

    assertThat(list.openReviews()).isEmpty();
    assertThat(repository.count()).isEqualTo(1);
    assertThat(repository.keptFor(doubtful)).contains(kept);
    assertThat(list.decide(reviewId, LocalPatientList.Decision.NO_LINK)).isEmpty();
    assertThat(list.pseudonymize(person("hildegunde", "zwiebelmeier", 12, 3)).bkLocalId())
        .isEqualTo(kept);
  }

  @Test
  void aStartWithAnotherKeyIsRefused() {
    byte[] other = new byte[32];
    new SecureRandom().nextBytes(other);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new LocalPatientList(
                    repository,
                    new IdatCipher(Base64.getEncoder().encodeToString(other)),
                    new BlockingKeys(other),
                    new EpiLinkMatcher(0.95, 0.80),
                    new PseudonymRegistry(
                        dataSource, new PseudonymGenerator()::next, Clock.systemUTC()),
                    "BK-HD-L",
                    Clock.systemUTC()))
        .hasMessageContaining("another key");
  }

  @Test
  void theDatabaseHoldsNoReadableIdat() {
    list.pseudonymize(person("hildegunde", "zwiebelmeier", 12, 3));
    list.pseudonymize(person("hildegunde", "zwiebelmeier", 3, 12));

    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    String dump =
        jdbc.queryForList("SELECT * FROM ccp_local_patient").toString()
            + jdbc.queryForList("SELECT * FROM ccp_local_review");
    assertThat(dump.toLowerCase()).doesNotContain("zwiebel", "hildegunde", "1958");
  }
}
