package org.ccpfhir.profiles;

import java.lang.reflect.Field;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.validation.codesystem.CodingsObserver;
import org.hl7.fhir.validation.instance.InstanceValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a fhir-core 6.7 {@link InstanceValidator} keeps of a validated resource after the call, and
 * how to drop it so that an instance can be reused.
 *
 * <p>The validator clears its fetch cache, resource tracker and tracked messages when a validation
 * starts, but these grow with every resource and are never cleared (found with {@code javap} in
 * 6.7.9):
 *
 * <ul>
 *   <li>{@code codingObserver.list}: every coding seen, with the node stack that points into the
 *       element tree of its resource, so each resource's whole tree stays reachable;
 *   <li>{@code textsToCheck} / {@code textsToCheckKeys}: every CodeableConcept text with its coding
 *       (and node stack);
 *   <li>{@code xhtmlElementMap}: the parsed narrative of every resource, keyed by its element;
 *   <li>{@code crLookups}: every canonical URL looked up, including the ones a client made up;
 *   <li>{@code validatedContent}: the last parsed resource (bounded, but no reason to keep it).
 * </ul>
 *
 * <p>Only {@code textsToCheck} and {@code validatedContent} are public, so the others are cleared
 * through reflection. If a fhir-core upgrade renames one of them, {@link #clearable()} is false and
 * {@link PooledInstanceValidator} stops reusing instances (correct, but slower);
 * PooledValidatorResidueTest fails the build so that the list above is checked again.
 */
final class ValidatorResidue {

  private static final Logger LOG = LoggerFactory.getLogger(ValidatorResidue.class);

  private static final Field CODING_OBSERVER;
  private static final Field OBSERVED_CODINGS;
  private static final Field TEXT_KEYS;
  private static final Field XHTML_IDS;
  private static final Field CANONICAL_LOOKUPS;

  static {
    Field[] fields = new Field[5];
    try {
      fields[0] = accessible(InstanceValidator.class, "codingObserver");
      fields[1] = accessible(CodingsObserver.class, "list");
      fields[2] = accessible(InstanceValidator.class, "textsToCheckKeys");
      fields[3] = accessible(InstanceValidator.class, "xhtmlElementMap");
      fields[4] = accessible(InstanceValidator.class, "crLookups");
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn(
          "fhir-core InstanceValidator changed ({}); core validators are not reused",
          e.getClass().getName());
      fields = new Field[5];
    }
    CODING_OBSERVER = fields[0];
    OBSERVED_CODINGS = fields[1];
    TEXT_KEYS = fields[2];
    XHTML_IDS = fields[3];
    CANONICAL_LOOKUPS = fields[4];
  }

  private ValidatorResidue() {}

  /** Whether {@link #clear} can drop everything listed above in this fhir-core version. */
  static boolean clearable() {
    return CANONICAL_LOOKUPS != null;
  }

  /**
   * Drops what the last validation left in the validator.
   *
   * @return false if it could not (the validator must then not be reused)
   */
  static boolean clear(InstanceValidator validator) {
    validator.validatedContent = null;
    validator.getTextsToCheck().clear();
    if (!clearable()) {
      return false;
    }
    try {
      CodingsObserver observer = (CodingsObserver) CODING_OBSERVER.get(validator);
      ((List<?>) OBSERVED_CODINGS.get(observer)).clear();
      ((Collection<?>) TEXT_KEYS.get(validator)).clear();
      ((Map<?, ?>) XHTML_IDS.get(validator)).clear();
      ((Map<?, ?>) CANONICAL_LOOKUPS.get(validator)).clear();
      return true;
    } catch (IllegalAccessException | RuntimeException e) {
      LOG.warn("Could not clear a core validator ({}); it is dropped", e.getClass().getName());
      return false;
    }
  }

  private static Field accessible(Class<?> type, String name) throws NoSuchFieldException {
    Field field = type.getDeclaredField(name);
    field.setAccessible(true);
    return field;
  }
}
