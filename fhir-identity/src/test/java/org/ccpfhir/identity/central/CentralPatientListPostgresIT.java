package org.ccpfhir.identity.central;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccpfhir.identity.central.CentralPatientListTest.numbers;

import java.time.Clock;
import org.ccpfhir.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The central list on a real PostgreSQL ({@code CCP_TEST_DB_URL}), in a schema of its own. */
class CentralPatientListPostgresIT {

  @RegisterExtension final PostgresTestSchema postgres = new PostgresTestSchema("central");

  @Test
  void linksReviewsMergesWithdrawsAndRebuildsOnPostgres() {
    CentralPatientList list = CentralPatientListTest.open(postgres.dataSource(), Clock.systemUTC());
    String hd =
        list.redeem("HD", list.register("HD", numbers("Jürgen", "Meier", "1961-03-14", "male")));
    String tue =
        list.redeem("TUE", list.register("TUE", numbers("Juergen", "Maier", "1961-03-14", "male")));
    String anna =
        list.redeem("HD", list.register("HD", numbers("Anna", "Schmidt", "1960-05-12", "female")));
    String maria =
        list.redeem("HD", list.register("HD", numbers("Maria", "Schmidt", "1960-05-12", "female")));

    assertThat(list.personOf("HD", hd)).isPresent().isEqualTo(list.personOf("TUE", tue));
    assertThat(list.openReviewCount()).isEqualTo(1);
    assertThat(list.decide(list.openReviews().get(0).id(), true, "admin")).isTrue();
    assertThat(list.personOf("HD", maria)).isEqualTo(list.personOf("HD", anna));

    CentralPatientList restarted =
        CentralPatientListTest.open(postgres.dataSource(), Clock.systemUTC());
    assertThat(restarted.size()).isEqualTo(list.size());
    assertThat(restarted.withdraw("HD", hd)).contains(2);
    assertThat(restarted.personOf("TUE", tue)).isEmpty();
  }
}
