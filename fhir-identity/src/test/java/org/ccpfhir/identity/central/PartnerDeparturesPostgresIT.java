package org.ccpfhir.identity.central;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ccpfhir.identity.central.CentralPatientListTest.numbers;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.ccpfhir.identity.controlnumber.ControlNumbers;
import org.ccpfhir.identity.pseudonym.ProjectPseudonyms;
import org.ccpfhir.identity.pseudonym.PseudonymGenerator;
import org.ccpfhir.identity.pseudonym.PseudonymRegistry;
import org.ccpfhir.identity.reencrypt.ReEncryption;
import org.ccpfhir.security.ca.ComponentName;
import org.ccpfhir.security.ca.Credential;
import org.ccpfhir.security.ca.NetworkCa;
import org.ccpfhir.testsupport.PostgresTestSchema;
import org.ccpfhir.testsupport.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A partner leaves (CCP-IT §5.3) on a real PostgreSQL ({@code CCP_TEST_DB_URL}): the documented
 * rule per person of the leaving site — consent continues: kept; held at another site too: only the
 * site's link goes; held by the site only: deleted as in a withdrawal with deletion. The HTTP side
 * (admins only, bad input, replay, the MDS database's receipt) runs in network-tests' WithdrawalIT.
 */
class PartnerDeparturesPostgresIT {

  private static final String MDS = "MDS-G";

  @RegisterExtension final PostgresTestSchema postgres = new PostgresTestSchema("departure");

  @TempDir Path pki;

  @Test
  void theLeavingSitesPersonsAreKeptAnonymisedOrDeletedByTheDocumentedRule() {
    DataSource db = postgres.dataSource();
    Clock clock = Clock.systemUTC();
    CentralPatientList list = CentralPatientListTest.open(db, clock);
    WithdrawalCases.SCHEMA.migrate(db);
    ProjectPseudonyms.SCHEMA.migrate(db);
    ReEncryption.SCHEMA.migrate(db);
    NetworkCa ca = NetworkCa.create(pki, "it".toCharArray(), "test CA", Duration.ofDays(2));
    Credential self = ca.issue(ComponentName.of("patient-list", null), List.of("x"), DAY);
    Credential mds = ca.issue(ComponentName.of("mds-search", null), List.of("x"), DAY);
    PseudonymRegistry registry = new PseudonymRegistry(db, new PseudonymGenerator()::next, clock);
    ProjectPseudonyms projects = new ProjectPseudonyms(db, registry, clock);
    ReEncryption reEncryption = new ReEncryption(db, registry, self, clock);
    WithdrawalCases cases = new WithdrawalCases(db, clock);
    PartnerDepartures departures =
        new PartnerDepartures(db, list, projects, reEncryption, MDS, clock);

    ControlNumbers sharedNumbers =
        numbers(TestNames.unique("Geteilt"), TestNames.unique("Person"), "1951-02-03", "female");
    String hdShared = list.redeem("HD", list.register("HD", sharedNumbers));
    String tueShared = list.redeem("TUE", list.register("TUE", sharedNumbers));
    String hdOnly =
        list.redeem(
            "HD",
            list.register(
                "HD",
                numbers(TestNames.unique("Nur"), TestNames.unique("Hier"), "1962-04-05", "male")));
    String hdKept =
        list.redeem(
            "HD",
            list.register(
                "HD",
                numbers(
                    TestNames.unique("Weiter"), TestNames.unique("Gilt"), "1973-06-07", "female")));
    String tueOnly =
        list.redeem(
            "TUE",
            list.register(
                "TUE",
                numbers(TestNames.unique("Anders"), TestNames.unique("Wo"), "1984-08-09", "male")));
    long shared = list.personOf("HD", hdShared).orElseThrow();
    long only = list.personOf("HD", hdOnly).orElseThrow();
    long kept = list.personOf("HD", hdKept).orElseThrow();
    assertThat(list.personOf("TUE", tueShared)).contains(shared);
    String mdsShared = mdsId(reEncryption, shared, mds);
    String mdsOnly = mdsId(reEncryption, only, mds);
    String mdsKept = mdsId(reEncryption, kept, mds);
    String rpbHdShared = projects.pseudonymFor(CentralPatientList.personKey(shared), "RPB-HD-G");
    String rpbTueShared = projects.pseudonymFor(CentralPatientList.personKey(shared), "RPB-TUE-G");
    projects.pseudonymFor(CentralPatientList.personKey(only), "RPB-HD-G");
    // a withdrawal at TUE told HD, which has not confirmed; a ticket of HD waits for redemption
    WithdrawalCases.Case tueCase =
        cases.open(
            "TUE", "TUEPSEUDO1", "delete", List.of(new WithdrawalCases.Holder("HD", "HDPSEUDO1")));
    String ticket =
        list.register(
            "HD",
            numbers(TestNames.unique("Karte"), TestNames.unique("Offen"), "1990-01-01", "male"));

    PartnerDepartures.Inventory held = departures.inventory("HD");
    assertThat(held)
        .isEqualTo(new PartnerDepartures.Inventory("HD", 3, 3, 2, 1, 3, 0, 1, 0, 1, 2, 3));
    assertThat(departures.inventory("XX").any()).isFalse();
    // bad input first: a pseudonym of another site in the continued-consent list, by position
    assertThat(departures.foreign("HD", List.of(hdKept, tueOnly, "NOSUCH"))).containsExactly(1, 2);
    assertThat(departures.departed("HD")).isFalse();

    PartnerDepartures.Plan plan = departures.plan("HD", Set.of(hdKept));
    assertThat(plan.keep()).containsExactly(kept);
    assertThat(plan.anonymise()).containsExactly(shared);
    assertThat(plan.delete()).containsOnlyKeys(only);
    assertThat(plan.keepMds()).containsExactly(mdsKept);
    assertThat(plan.anonymiseMds()).containsExactly(mdsShared);
    PartnerDepartures.Case opened = departures.open("HD", "admin");
    assertThat(departures.departed("HD")).isTrue();
    assertThat(departures.departed("TUE")).isFalse();
    PartnerDepartures.Case done = departures.apply(opened, plan);

    assertThat(done.completedMs()).isNotNull();
    assertThat(List.of(done.kept(), done.anonymised(), done.deleted())).containsExactly(1, 1, 1);
    // held at TUE too: only HD's link is gone; TUE keeps its pseudonym, the MDS*G-ID stays
    assertThat(list.personOf("HD", hdShared)).isEmpty();
    assertThat(list.personOf("TUE", tueShared)).contains(shared);
    assertThat(registry.isRetired(hdShared)).isTrue();
    assertThat(projects.of(CentralPatientList.personKey(shared)))
        .containsExactlyEntriesOf(java.util.Map.of("RPB-TUE-G", rpbTueShared));
    assertThat(registry.isRetired(rpbHdShared)).isTrue();
    assertThat(reEncryption.known(CentralPatientList.personKey(shared), MDS)).contains(mdsShared);
    // held by HD only: deleted as in a withdrawal with deletion
    assertThat(list.personOf("HD", hdOnly)).isEmpty();
    assertThat(registry.isRetired(hdOnly)).isTrue();
    assertThat(registry.isRetired(mdsOnly)).isTrue();
    assertThat(reEncryption.known(CentralPatientList.personKey(only), MDS)).isEmpty();
    assertThat(projects.of(CentralPatientList.personKey(only))).isEmpty();
    // consent continues: kept as it was; another site's person untouched
    assertThat(list.personOf("HD", hdKept)).contains(kept);
    assertThat(reEncryption.known(CentralPatientList.personKey(kept), MDS)).contains(mdsKept);
    assertThat(list.personOf("TUE", tueOnly)).isPresent();
    // the notice to HD is closed, its pseudonym gone; the ticket is gone
    WithdrawalCases.Notice notice = cases.noticesOf(tueCase.id()).get(0);
    assertThat(notice.outcome()).isEqualTo(PartnerDepartures.NOTICE_OUTCOME);
    assertThat(notice.pseudonym()).isNull();
    assertThatThrownBy(() -> list.redeem("HD", ticket))
        .isInstanceOf(CentralPatientList.TicketRefusedException.class);
    JdbcTemplate jdbc = new JdbcTemplate(db);
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM ccp_control_record WHERE site = 'HD'", Integer.class))
        .isEqualTo(1);
    // TUE's registration of the shared person matched HD's control numbers exactly (no copy was
    // stored): they stay, as TUE's, or nobody could find the person again
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM ccp_control_record WHERE site = 'TUE'", Integer.class))
        .isEqualTo(2);
    assertThat(departures.inventory("HD"))
        .isEqualTo(new PartnerDepartures.Inventory("HD", 1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 1));
    // TUE's next registration of the shared person still finds it (the index lost only HD's)
    assertThat(list.redeem("TUE", list.register("TUE", sharedNumbers))).isEqualTo(tueShared);
    CentralPatientList restarted = CentralPatientListTest.open(db, clock);
    assertThat(restarted.size()).isEqualTo(list.size());
    // a second opening finds the same, completed case
    assertThat(departures.open("HD", "someone else").id()).isEqualTo(done.id());
    assertThat(departures.caseOf("HD").orElseThrow().completedMs()).isEqualTo(done.completedMs());
  }

  private static final Duration DAY = Duration.ofDays(1);

  private static String mdsId(ReEncryption reEncryption, long person, Credential mds) {
    reEncryption.reencrypt(CentralPatientList.personKey(person), MDS, mds.certificate());
    return reEncryption.known(CentralPatientList.personKey(person), MDS).orElseThrow();
  }
}
