package org.ccpfhir.identity.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class ProjectPseudonymsTest {

  PseudonymRegistry registry;
  ProjectPseudonyms projects;

  @BeforeEach
  void database() {
    DataSource dataSource =
        new DriverManagerDataSource(
            "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    PseudonymRegistry.SCHEMA.migrate(dataSource);
    ProjectPseudonyms.SCHEMA.migrate(dataSource);
    registry = new PseudonymRegistry(dataSource, new PseudonymGenerator()::next, Clock.systemUTC());
    projects = new ProjectPseudonyms(dataSource, registry, Clock.systemUTC());
  }

  @Test
  void oneStablePseudonymPerOwnerAndProject() {
    String first = projects.pseudonymFor("BKHDL1", "RPB-HD-L");

    assertThat(projects.pseudonymFor("BKHDL1", "RPB-HD-L")).isEqualTo(first);
    assertThat(projects.pseudonymFor("BKHDL1", "XYZ-HD-L")).isNotEqualTo(first);
    assertThat(projects.pseudonymFor("BKHDL2", "RPB-HD-L")).isNotEqualTo(first);
    assertThat(CheckCharacter.isValid(first)).isTrue();
  }

  @Test
  void withdrawalRetiresAndAnonymisationHandsOutRandomReplacements() {
    String rpb = projects.pseudonymFor("BKHDL1", "RPB-HD-L");
    String xyz = projects.pseudonymFor("BKHDL1", "XYZ-HD-L");

    Map<String, String> replaced = projects.withdraw("BKHDL1", true);

    assertThat(replaced).containsOnlyKeys(rpb, xyz);
    assertThat(replaced.values()).doesNotContainNull().doesNotContain(rpb, xyz);
    assertThat(registry.isRetired(rpb)).isTrue();
    assertThat(registry.isRetired(xyz)).isTrue();
    // the participant starts afresh: never the retired value again
    assertThat(projects.pseudonymFor("BKHDL1", "RPB-HD-L")).isNotIn(rpb, replaced.get(rpb));
    assertThat(projects.withdraw("BKHDL1", false)).containsValue(null);
  }
}
