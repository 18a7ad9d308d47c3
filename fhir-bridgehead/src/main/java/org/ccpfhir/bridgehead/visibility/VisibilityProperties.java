package org.ccpfhir.bridgehead.visibility;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Department-scoped visibility ({@code ccp.visibility.*}, CCP-IT §2.1, §5.1, §6.2 a): every Patient
 * carries its treating units as {@code meta.security} labels of {@value TreatingUnits#SYSTEM}; a
 * user sees a patient (and everything about it) only when one of the user's groups covers one of
 * its units.
 *
 * @param enabled enforce it; off, every role sees what its access rules allow (the behaviour before
 *     issue 22)
 * @param groups the site's groups (departments, biobank units) by the name the token's groups claim
 *     carries ({@code ccp.auth.groups-claim}): which treating units each one sees. A user without a
 *     known group sees no patient; applications (client credentials) and other components act for
 *     the site and are not scoped
 * @param channels treating units of what arrives through an import channel without units of its
 *     own: {@code ingest} (transaction/batch Bundles, also {@code ccp-etl}'s CSV and XML files) and
 *     {@code import-obds}; used for what has no unit otherwise (none in the input, from the sender,
 *     the writing department user or an earlier version)
 * @param senders treating units by sender (a user name or an application's client id, e.g. the
 *     tumour documentation system's client): its writes are labelled with them unless the input
 *     carries labels; comes before {@code channels}
 * @param explicitlyConsentedVisibleToAll site rule: patients with an active network consent (the
 *     explicit DKTK consent, CCP-IT §6.1) are visible to every group; without it, only their
 *     treating units see them (§6.2 a)
 */
@Validated
@ConfigurationProperties("ccp.visibility")
public record VisibilityProperties(
    @DefaultValue("false") boolean enabled,
    @NotNull @DefaultValue Map<String, @Valid Group> groups,
    @NotNull @DefaultValue Map<String, List<String>> channels,
    @NotNull @DefaultValue Map<String, List<String>> senders,
    @DefaultValue("false") boolean explicitlyConsentedVisibleToAll) {

  /** The import channels {@code channels} may name. */
  public static final Set<String> CHANNELS =
      Set.of(TreatingUnits.INGEST, TreatingUnits.IMPORT_OBDS);

  private static final Pattern UNIT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  public VisibilityProperties {
    groups = Map.copyOf(groups);
    channels = Map.copyOf(channels);
    senders = Map.copyOf(senders);
    for (String channel : channels.keySet()) {
      if (!CHANNELS.contains(channel)) {
        throw new IllegalArgumentException(
            "ccp.visibility.channels: unknown channel '" + channel + "'; known: " + CHANNELS);
      }
    }
    channels.forEach((channel, units) -> requireUnits(units, "channels." + channel));
    senders.forEach((sender, units) -> requireUnits(units, "senders." + sender));
    groups.forEach((name, group) -> requireUnits(group.units(), "groups." + name + ".units"));
  }

  /** Whether a text is a valid treating-unit or group code. */
  public static boolean validCode(String code) {
    return code != null && UNIT.matcher(code).matches();
  }

  private static void requireUnits(List<String> units, String where) {
    for (String unit : units) {
      if (!validCode(unit)) {
        throw new IllegalArgumentException(
            "ccp.visibility."
                + where
                + ": a treating unit is a code of letters, digits, '.', '_' or '-' (1-64)");
      }
    }
  }

  /**
   * A group of users.
   *
   * @param units the treating units whose patients its members see
   * @param allUnits its members see every patient of the site (e.g. the tumour documentation office
   *     that imports for all departments)
   */
  public record Group(
      @NotNull @DefaultValue List<String> units, @DefaultValue("false") boolean allUnits) {
    public Group {
      units = List.copyOf(units);
    }
  }
}
