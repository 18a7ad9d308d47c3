package org.ccpfhir.platform.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import javax.sql.DataSource;
import org.ccpfhir.testsupport.PostgresTestSchema;
import org.ccpfhir.testsupport.Tables;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The one migration path: schemas declared as beans are in place before any bean receives the
 * database, an own database gets only its schemas, and a database written by the code before this
 * path (each repository ran Flyway itself, same folders and history tables) keeps its rows.
 */
class OwnSchemaMigrationIT {

  @RegisterExtension final PostgresTestSchema postgres = new PostgresTestSchema("ownschema");

  private static final OwnSchema NOTES = OwnSchema.of("test-notes");

  /** Reads the notes table when created: fails if it is created before the migration. */
  record Probe(int notes) {}

  @Configuration
  static class Repositories {
    // declared before the schema on purpose: Spring creates it first
    @Bean
    Probe probe(DataSource dataSource) {
      return new Probe(
          new JdbcTemplate(dataSource)
              .queryForObject("SELECT COUNT(*) FROM test_note", Integer.class));
    }
  }

  @Configuration
  static class NotesSchema {
    @Bean
    static OwnSchema notes() {
      return NOTES;
    }
  }

  private static ApplicationContextRunner runner(DataSource main) {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(OwnSchemaAutoConfiguration.class))
        .withBean("dataSource", DataSource.class, () -> main);
  }

  @Test
  void aBeanCreatedRightAfterTheDatabaseFindsTheTables() {
    runner(h2())
        .withUserConfiguration(Repositories.class, NotesSchema.class)
        .run(context -> assertThat(context.getBean(Probe.class).notes()).isZero());
  }

  @Test
  void withoutTheSchemaBeanTheTablesAreMissing() {
    runner(h2())
        .withUserConfiguration(Repositories.class)
        .run(context -> assertThat(context).hasFailed());
  }

  record SideDatabase(DataSource dataSource) implements OwnDatabase {
    @Override
    public String name() {
      return "side";
    }
  }

  @Test
  void anOwnDatabaseGetsOnlyTheSchemasNamingIt() {
    DataSource main = h2();
    DataSource side = h2();
    runner(main)
        .withUserConfiguration(NotesSchema.class)
        .withBean("tags", OwnSchema.class, () -> OwnSchema.of("test-tags").in("side"))
        .withBean(SideDatabase.class, () -> new SideDatabase(side))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              context.getBean(SideDatabase.class);
              assertThat(Tables.inPublicSchema(main))
                  .contains("test_note")
                  .doesNotContain("test_tag");
              assertThat(Tables.inPublicSchema(side))
                  .contains("test_tag")
                  .doesNotContain("test_note");
            });
  }

  @Test
  void anH2DatabaseOfTheOldCodeKeepsItsRows() {
    databaseOfTheOldCodeKeepsItsRows(h2());
  }

  @Test
  void aPostgresDatabaseOfTheOldCodeKeepsItsRows() {
    databaseOfTheOldCodeKeepsItsRows(postgres.dataSource());
  }

  private static void databaseOfTheOldCodeKeepsItsRows(DataSource database) {
    JdbcTemplate jdbc = new JdbcTemplate(database);
    // a table of HAPI's, managed by Hibernate: no history of ours covers it
    jdbc.execute("CREATE TABLE hfj_resource (res_id BIGINT PRIMARY KEY)");
    jdbc.update("INSERT INTO hfj_resource VALUES (7)");
    // the old code: the repository's own static migrate(), here at the site's version V1
    Flyway.configure()
        .dataSource(database)
        .locations("classpath:db/test-notes")
        .table("test_notes_schema_history")
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .target("1")
        .load()
        .migrate();
    jdbc.update("INSERT INTO test_note (id, body) VALUES (1, 'kept')");

    runner(database)
        .withUserConfiguration(Repositories.class, NotesSchema.class)
        .run(
            context -> {
              assertThat(context.getBean(Probe.class).notes()).isOne();
              assertThat(jdbc.queryForList("SELECT body FROM test_note", String.class))
                  .containsExactly("kept");
              assertThat(jdbc.queryForList("SELECT author FROM test_note", String.class))
                  .containsExactly((String) null);
              assertThat(jdbc.queryForList("SELECT res_id FROM hfj_resource", Long.class))
                  .containsExactly(7L);
              assertThat(
                      jdbc.queryForList(
                          "SELECT \"version\" FROM \"test_notes_schema_history\""
                              + " WHERE \"success\" AND \"version\" IS NOT NULL"
                              + " ORDER BY \"installed_rank\"",
                          String.class))
                  // 0: Flyway's baseline, as the old code left it beside HAPI's table
                  .containsExactly("0", "1", "2");
            });

    // a second start migrates nothing
    runner(database)
        .withUserConfiguration(NotesSchema.class)
        .run(
            context ->
                assertThat(
                        jdbc.queryForObject(
                            "SELECT COUNT(*) FROM \"test_notes_schema_history\""
                                + " WHERE \"version\" IS NOT NULL",
                            Integer.class))
                    .isEqualTo(3));
  }

  private static DataSource h2() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:own-schema-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return h2;
  }
}
