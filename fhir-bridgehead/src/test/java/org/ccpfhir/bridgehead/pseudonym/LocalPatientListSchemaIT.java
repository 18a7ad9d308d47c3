package org.ccpfhir.bridgehead.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.ccpfhir.identity.local.LocalPatientList;
import org.ccpfhir.platform.schema.OwnSchemaAutoConfiguration;
import org.ccpfhir.testsupport.Tables;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The local patient list's tables go where its database points, through the one migration path:
 * with {@code ccp.local-patient-list.datasource.url} the IDAT tables are created in that database
 * and none in the bridgehead's (the MDAT database), without any repository migrating.
 */
class LocalPatientListSchemaIT {

  @Configuration
  @EnableConfigurationProperties(LocalPatientListProperties.class)
  static class Properties {}

  @Test
  void withAUrlTheIdatTablesAreCreatedOnlyInTheListsOwnDatabase() throws Exception {
    DataSource shared = h2("mdat-" + UUID.randomUUID());
    String own = "idat-" + UUID.randomUUID();
    Path keyFile = Files.createTempDirectory("local-list").resolve("key");
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(OwnSchemaAutoConfiguration.class))
        .withBean("dataSource", DataSource.class, () -> shared)
        .withUserConfiguration(Properties.class, LocalPatientListConfig.class)
        .withPropertyValues(
            "ccp.local-patient-list.key-file=" + keyFile,
            "ccp.local-patient-list.datasource.url=jdbc:h2:mem:" + own + ";DB_CLOSE_DELAY=-1",
            "ccp.local-patient-list.datasource.username=sa")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(LocalPatientListDatabase.class).separate()).isTrue();
              context.getBean(LocalPatientList.class);
              List<String> idat =
                  List.of("ccp_local_patient", "ccp_issued_pseudonym", "ccp_project_pseudonym");
              assertThat(Tables.inPublicSchema(h2(own))).containsAll(idat);
              assertThat(Tables.inPublicSchema(shared)).doesNotContainAnyElementsOf(idat);
            });
  }

  private static DataSource h2(String name) {
    return new DriverManagerDataSource("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
  }
}
