package org.ccpfhir.bridgehead.withdrawal;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.ccpfhir.bridgehead.withdrawal.persistence.Withdrawal;
import org.ccpfhir.bridgehead.withdrawal.persistence.WithdrawalRepository;
import org.ccpfhir.profiles.withdrawal.WithdrawalDeadline;

/**
 * What a withdrawal looks like to the people who answer for it (CCP-IT §6.5): per component — each
 * step, each other site the central list informed, each CCP application holding a project pseudonym
 * here — its state against the 14-working-day deadline; and the two written notices the concept
 * asks for once it is done: the confirmation to the patient and the notice to the data-protection
 * officer (German, Markdown). Neither names the patient: the site adds name and address from its
 * own records when it sends the letter, so no identifying data leave the local patient list.
 */
public final class WithdrawalReport {

  /** States of a component. */
  public static final String CONFIRMED = WithdrawalCascade.CONFIRMED;

  public static final String PENDING = WithdrawalCascade.PENDING;
  public static final String OVERDUE = "overdue";

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("dd.MM.yyyy").withZone(WithdrawalDeadline.ZONE);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm").withZone(WithdrawalDeadline.ZONE);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

  /**
   * One component's state.
   *
   * @param code step code, {@code site:<code>} or {@code application:<domain>}
   * @param confirmedMs when it confirmed, null while pending
   */
  public record ComponentState(
      String code, String display, String state, Long confirmedMs, String detail) {}

  private WithdrawalReport() {}

  /** Whether the withdrawal is still open after its deadline day. */
  public static boolean overdue(Withdrawal w, Instant now) {
    return Withdrawal.IN_PROGRESS.equals(w.status())
        && now.atZone(WithdrawalDeadline.ZONE).toLocalDate().isAfter(w.deadline());
  }

  /** Every component in cascade order, then the other sites and the CCP applications. */
  public static List<ComponentState> components(
      Withdrawal w, List<WithdrawalRepository.Component> beyond, Instant now) {
    String open = overdue(w, now) ? OVERDUE : PENDING;
    List<ComponentState> states = new ArrayList<>();
    for (WithdrawalStep step : WithdrawalStep.of(w.notified())) {
      Withdrawal.Confirmation done = w.steps().get(step);
      states.add(
          new ComponentState(
              step.code(),
              step.display(),
              done != null ? CONFIRMED : open,
              done == null ? null : done.confirmedMs(),
              done == null ? null : done.text()));
    }
    for (WithdrawalRepository.Component c : beyond) {
      boolean confirmed = CONFIRMED.equals(c.state());
      states.add(
          new ComponentState(
              c.component(),
              c.component().startsWith(WithdrawalCascade.SITE_COMPONENT)
                  ? "Site " + c.component().substring(WithdrawalCascade.SITE_COMPONENT.length())
                  : "CCP application "
                      + c.component().substring(WithdrawalCascade.APPLICATION_COMPONENT.length()),
              confirmed ? CONFIRMED : open,
              confirmed ? c.updatedMs() : null,
              c.detail()));
    }
    return states;
  }

  /** The written confirmation to the patient (§6.5: "dem Patienten schriftlich bestätigt"). */
  public static String patientNotice(
      Withdrawal w, List<ComponentState> components, String site, Instant completed) {
    StringBuilder text = new StringBuilder();
    text.append("# Bestätigung Ihres Widerrufs\n\n")
        .append("[Name und Anschrift der Patientin / des Patienten — vom Standort ")
        .append(site)
        .append(" aus der lokalen Patientenliste einzusetzen]\n\n")
        .append("Vorgang: ")
        .append(w.id())
        .append("  \nEingang: ")
        .append(DAY.format(Instant.ofEpochMilli(w.createdMs())))
        .append("  \nAbgeschlossen: ")
        .append(DAY.format(completed))
        .append("\n\n");
    if (w.deletes()) {
      text.append(
          "Sie haben Ihre Einwilligung in die Verarbeitung Ihrer Daten in der Clinical"
              + " Communication Platform (CCP-IT) des DKTK widerrufen und die Löschung Ihrer Daten"
              + " beantragt. Ihre Daten wurden in allen Komponenten gelöscht, die sie"
              + " verarbeitet haben.\n\n");
    } else {
      text.append(
          "Sie haben Ihre Einwilligung in die Verarbeitung Ihrer Daten in der Clinical"
              + " Communication Platform (CCP-IT) des DKTK widerrufen. Ihre Daten wurden"
              + " anonymisiert: Ihre identifizierenden Daten und die Zuordnung Ihrer Pseudonyme"
              + " wurden gelöscht; die medizinischen Daten können keiner Person mehr zugeordnet"
              + " werden.\n\n");
    }
    text.append("Die folgenden Stellen haben die Umsetzung bestätigt:\n\n");
    for (ComponentState c : components) {
      text.append("- ")
          .append(german(c))
          .append(": ")
          .append(c.confirmedMs() == null ? "offen" : "bestätigt am " + DAY.format(ofMs(c)))
          .append('\n');
    }
    text.append(
            "\nDie Pseudonyme, unter denen Ihre Daten geführt wurden, werden nicht erneut"
                + " vergeben. Datensicherungen werden nach den Regeln des Datenschutzkonzepts"
                + " (Abschnitt 6.5) nur durch die zuständigen Administratoren eingesehen und"
                + " regelmäßig gelöscht.\n\n")
        .append(
            "Bei Fragen oder Beschwerden wenden Sie sich an den Datenschutzbeauftragten des DKFZ"
                + " (datenschutz@dkfz.de) oder an eine Aufsichtsbehörde.\n");
    return text.toString();
  }

  /**
   * The notice to the data-protection officer (§6.5: "Eine entsprechende Mitteilung ergeht auch an
   * den Datenschutzbeauftragten"): the case, its deadline and every component's state and date. Of
   * an open case it is an interim report that says so.
   */
  public static String officerNotice(
      Withdrawal w, List<ComponentState> components, String site, Instant now) {
    boolean done = Withdrawal.COMPLETED.equals(w.status());
    StringBuilder text = new StringBuilder();
    text.append(
            done
                ? "# Mitteilung an den Datenschutzbeauftragten: Widerruf umgesetzt\n\n"
                : "# Mitteilung an den Datenschutzbeauftragten: Zwischenstand eines Widerrufs\n\n")
        .append("| | |\n|---|---|\n")
        .append("| Standort | ")
        .append(site)
        .append(" |\n| Vorgang | ")
        .append(w.id())
        .append(" |\n| Art | ")
        .append(w.deletes() ? "Löschung" : "Anonymisierung")
        .append(" |\n| Eingang | ")
        .append(
            w.notified()
                ? "Mitteilung der zentralen Patientenliste (Widerruf an einem anderen Standort)"
                : "Widerruf an diesem Standort")
        .append(", ")
        .append(TIME.format(Instant.ofEpochMilli(w.createdMs())))
        .append(" |\n| Frist (14 Werktage) | ")
        .append(DATE.format(w.deadline()))
        .append(" |\n| Stand | ")
        .append(
            done
                ? "abgeschlossen " + TIME.format(Instant.ofEpochMilli(w.updatedMs()))
                : overdue(w, now) ? "offen, **Frist überschritten**" : "offen")
        .append(" |\n\n")
        .append("| Komponente | Status | Bestätigt | Rückmeldung |\n|---|---|---|---|\n");
    for (ComponentState c : components) {
      text.append("| ")
          .append(german(c))
          .append(" | ")
          .append(
              switch (c.state()) {
                case CONFIRMED -> "bestätigt";
                case OVERDUE -> "**überfällig**";
                default -> "offen";
              })
          .append(" | ")
          .append(c.confirmedMs() == null ? "" : TIME.format(ofMs(c)))
          .append(" | ")
          .append(c.detail() == null ? "" : c.detail().replace("|", "/"))
          .append(" |\n");
    }
    text.append(
        "\nDas Dokument nennt keine identifizierenden Daten; die Zuordnung zur Person ist nur"
            + " über die lokale Patientenliste des Standorts möglich, solange der Vorgang offen"
            + " ist.\n");
    return text.toString();
  }

  /** The component's name in the German documents. */
  static String german(ComponentState c) {
    if (c.code().startsWith(WithdrawalCascade.SITE_COMPONENT)) {
      return "Standort " + c.code().substring(WithdrawalCascade.SITE_COMPONENT.length());
    }
    if (c.code().startsWith(WithdrawalCascade.APPLICATION_COMPONENT)) {
      return "CCP-Anwendung "
          + c.code().substring(WithdrawalCascade.APPLICATION_COMPONENT.length());
    }
    return switch (c.code()) {
      case "site-consent" -> "Einwilligung am Standort widerrufen, Übermittlung beendet";
      case "mds-database" -> "Zentrale MDS-Datenbank";
      case "central-list" -> "Zentrale Patientenliste";
      case "project-pseudonyms" -> "Projektpseudonyme der CCP-Anwendungen am Standort";
      case "site-store" -> "Datenspeicher des Standorts (Brückenkopf)";
      case "local-list" -> "Lokale Patientenliste";
      case "network-sites" -> "Weitere Standorte, die die Person führten";
      case "applications" -> "CCP-Anwendungen";
      case "central-confirmation" -> "Bestätigung an die zentrale Patientenliste";
      default -> c.display();
    };
  }

  private static Instant ofMs(ComponentState c) {
    return Instant.ofEpochMilli(c.confirmedMs());
  }
}
