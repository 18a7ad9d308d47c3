package org.ccpfhir.bridgehead.visibility;

import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.ccpfhir.platform.schema.OwnSchema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The groups the site admin manages in the pages (table {@code ccp_visibility_group}, Flyway {@code
 * db/ccp-visibility}). Read on each scoped request (no cache: a change counts at once on every
 * node).
 */
public class ManagedGroups {

  /** The feature's migrations, {@code db/ccp-visibility}. */
  public static final OwnSchema SCHEMA = OwnSchema.of("ccp-visibility");

  private final JdbcTemplate jdbc;
  private final NamedParameterJdbcTemplate named;
  private final Clock clock;

  public ManagedGroups(DataSource dataSource, Clock clock) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.named = new NamedParameterJdbcTemplate(dataSource);
    this.clock = clock;
  }

  /** Every managed group by name, sorted. */
  public Map<String, VisibilityProperties.Group> all() {
    Map<String, VisibilityProperties.Group> groups = new LinkedHashMap<>();
    jdbc.query(
        "SELECT name, units, all_units FROM ccp_visibility_group ORDER BY name",
        row -> {
          groups.put(
              row.getString("name"),
              new VisibilityProperties.Group(
                  units(row.getString("units")), row.getBoolean("all_units")));
        });
    return groups;
  }

  /** The managed groups among these names. */
  public Map<String, VisibilityProperties.Group> of(Collection<String> names) {
    Map<String, VisibilityProperties.Group> groups = new LinkedHashMap<>();
    if (names.isEmpty()) {
      return groups;
    }
    named.query(
        "SELECT name, units, all_units FROM ccp_visibility_group WHERE name IN (:names)",
        new MapSqlParameterSource("names", List.copyOf(names)),
        row -> {
          groups.put(
              row.getString("name"),
              new VisibilityProperties.Group(
                  units(row.getString("units")), row.getBoolean("all_units")));
        });
    return groups;
  }

  public void put(String name, VisibilityProperties.Group group, String admin) {
    String units = String.join(",", group.units());
    int updated =
        jdbc.update(
            "UPDATE ccp_visibility_group SET units = ?, all_units = ?, changed_by = ?,"
                + " changed_ms = ? WHERE name = ?",
            units,
            group.allUnits(),
            admin,
            clock.millis(),
            name);
    if (updated == 0) {
      jdbc.update(
          "INSERT INTO ccp_visibility_group (name, units, all_units, changed_by, changed_ms)"
              + " VALUES (?,?,?,?,?)",
          name,
          units,
          group.allUnits(),
          admin,
          clock.millis());
    }
  }

  /** True when the group existed. */
  public boolean remove(String name) {
    return jdbc.update("DELETE FROM ccp_visibility_group WHERE name = ?", name) > 0;
  }

  private static List<String> units(String joined) {
    return joined == null || joined.isBlank() ? List.of() : Arrays.asList(joined.split(","));
  }
}
