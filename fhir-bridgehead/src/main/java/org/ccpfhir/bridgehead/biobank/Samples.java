package org.ccpfhir.bridgehead.biobank;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ccpfhir.profiles.MdsProfiles;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Specimen;
import org.hl7.fhir.r4.model.Specimen.SpecimenContainerComponent;
import org.hl7.fhir.r4.model.StringType;

/**
 * How a biobank sample lives in a Specimen (profile {@code mds-specimen}): biobank status in the
 * {@code ext-sample-status} extension (Specimen.status follows from it), volume or amount in {@code
 * container[0].specimenQuantity} (UCUM), storage location in the container's {@code
 * ext-storage-location}, aliquots by {@code Specimen.parent}.
 */
public final class Samples {

  public static final String UCUM = "http://unitsofmeasure.org";

  /** The storage location's parts, in order (sub-extension urls and search parameter suffixes). */
  public static final List<String> LOCATION_PARTS = List.of("freezer", "rack", "box", "position");

  /** Biobank statuses whose sample is physically in its place and so occupies its position. */
  public static final List<String> OCCUPYING = List.of("available", "reserved");

  /** UCUM units the remaining-volume check can compare: unit → (dimension, factor to base). */
  private static final Map<String, Unit> UNITS =
      Map.ofEntries(
          Map.entry("L", new Unit("volume", new BigDecimal("1"))),
          Map.entry("dL", new Unit("volume", new BigDecimal("0.1"))),
          Map.entry("cL", new Unit("volume", new BigDecimal("0.01"))),
          Map.entry("mL", new Unit("volume", new BigDecimal("0.001"))),
          Map.entry("uL", new Unit("volume", new BigDecimal("0.000001"))),
          Map.entry("kg", new Unit("mass", new BigDecimal("1000"))),
          Map.entry("g", new Unit("mass", new BigDecimal("1"))),
          Map.entry("mg", new Unit("mass", new BigDecimal("0.001"))),
          Map.entry("ug", new Unit("mass", new BigDecimal("0.000001"))),
          Map.entry("ng", new Unit("mass", new BigDecimal("0.000000001"))));

  private record Unit(String dimension, BigDecimal factor) {}

  /** A storage place. */
  public record Location(String freezer, String rack, String box, String position) {

    public List<String> parts() {
      return List.of(freezer, rack, box, position);
    }

    @Override
    public String toString() {
      return String.join(" / ", parts());
    }
  }

  private Samples() {}

  /** The FHIRPath of the storage location of the i-th container, for OperationOutcomes. */
  public static String locationPath(int container) {
    return "Specimen.container["
        + container
        + "].extension('"
        + MdsProfiles.EXT_STORAGE_LOCATION
        + "')";
  }

  public static Optional<String> biobankStatus(Specimen specimen) {
    Extension ext = specimen.getExtensionByUrl(MdsProfiles.EXT_SAMPLE_STATUS);
    return ext != null && ext.getValue() instanceof CodeType code && code.hasValue()
        ? Optional.of(code.getValue())
        : Optional.empty();
  }

  public static void setBiobankStatus(Specimen specimen, String status) {
    specimen.getExtension().removeIf(e -> MdsProfiles.EXT_SAMPLE_STATUS.equals(e.getUrl()));
    specimen.addExtension(MdsProfiles.EXT_SAMPLE_STATUS, new CodeType(status));
  }

  /** The FHIR status a biobank status stands for. */
  public static Specimen.SpecimenStatus fhirStatus(String biobankStatus) {
    return switch (biobankStatus) {
      case "used-up", "destroyed" -> Specimen.SpecimenStatus.UNAVAILABLE;
      default -> Specimen.SpecimenStatus.AVAILABLE;
    };
  }

  /** The biobank status of a sample without one (stored before, or ingested): from its status. */
  public static Optional<String> defaultStatus(Specimen specimen) {
    if (!specimen.hasStatus() || specimen.getStatus() == Specimen.SpecimenStatus.AVAILABLE) {
      return Optional.of("available");
    }
    return specimen.getStatus() == Specimen.SpecimenStatus.UNAVAILABLE
        ? Optional.of("used-up")
        : Optional.empty();
  }

  /** The location of a container, if it has a complete one. */
  public static Optional<Location> location(SpecimenContainerComponent container) {
    Extension ext = container.getExtensionByUrl(MdsProfiles.EXT_STORAGE_LOCATION);
    if (ext == null) {
      return Optional.empty();
    }
    String[] parts = new String[LOCATION_PARTS.size()];
    for (int i = 0; i < parts.length; i++) {
      Extension part = ext.getExtensionByUrl(LOCATION_PARTS.get(i));
      if (part == null || !(part.getValue() instanceof StringType s) || !s.hasValue()) {
        return Optional.empty();
      }
      parts[i] = s.getValue();
    }
    return Optional.of(new Location(parts[0], parts[1], parts[2], parts[3]));
  }

  public static Extension locationExtension(Location location) {
    Extension ext = new Extension(MdsProfiles.EXT_STORAGE_LOCATION);
    List<String> parts = location.parts();
    for (int i = 0; i < parts.size(); i++) {
      ext.addExtension(LOCATION_PARTS.get(i), new StringType(parts.get(i)));
    }
    return ext;
  }

  /** The amount of the sample: its first container's quantity. */
  public static Optional<Quantity> amount(Specimen specimen) {
    return specimen.getContainer().stream()
        .filter(SpecimenContainerComponent::hasSpecimenQuantity)
        .map(SpecimenContainerComponent::getSpecimenQuantity)
        .filter(Quantity::hasValue)
        .findFirst();
  }

  /** A quantity with a value but no UCUM unit (system and code). */
  public static boolean lacksUnit(Quantity quantity) {
    return quantity.hasValue() && !(UCUM.equals(quantity.getSystem()) && quantity.hasCode());
  }

  /**
   * The quantity in the base unit of its dimension ({@code L} or {@code g}) and the dimension, or
   * empty for a unit the check does not know.
   */
  public static Optional<Normalised> normalise(Quantity quantity) {
    Unit unit = UCUM.equals(quantity.getSystem()) ? UNITS.get(quantity.getCode()) : null;
    if (unit == null || !quantity.hasValue()) {
      return Optional.empty();
    }
    return Optional.of(
        new Normalised(unit.dimension(), quantity.getValue().multiply(unit.factor())));
  }

  /** An amount in a dimension's base unit as text in one of the known units (e.g. "0.25"). */
  public static String inUnit(BigDecimal base, String code) {
    Unit unit = UNITS.get(code);
    return base.divide(unit.factor(), java.math.MathContext.DECIMAL64)
        .stripTrailingZeros()
        .toPlainString();
  }

  /** An amount in the base unit of its dimension. */
  public record Normalised(String dimension, BigDecimal value) {}

  /** A quantity as text for messages and the CSV ("0.5 mL"). */
  public static String describe(Quantity quantity) {
    return quantity.getValue().stripTrailingZeros().toPlainString()
        + (quantity.hasCode() ? " " + quantity.getCode() : "");
  }
}
