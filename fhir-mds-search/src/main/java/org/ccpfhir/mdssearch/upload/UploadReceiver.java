package org.ccpfhir.mdssearch.upload;

import static org.ccpfhir.profiles.upload.MdsUploadContract.ACTION;
import static org.ccpfhir.profiles.upload.MdsUploadContract.BUNDLE;
import static org.ccpfhir.profiles.upload.MdsUploadContract.DELETE;
import static org.ccpfhir.profiles.upload.MdsUploadContract.ENTRY;
import static org.ccpfhir.profiles.upload.MdsUploadContract.LOCAL_PREFIX;
import static org.ccpfhir.profiles.upload.MdsUploadContract.PSEUDONYM;
import static org.ccpfhir.profiles.upload.MdsUploadContract.UPSERT;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.ccpfhir.mdssearch.store.MdsStoreService;
import org.ccpfhir.security.auth.Caller;
import org.ccpfhir.security.ca.CertificateVerifier;
import org.ccpfhir.security.ca.ComponentName;
import org.ccpfhir.security.ca.Credential;
import org.ccpfhir.security.cms.EnvelopeException;
import org.ccpfhir.security.cms.Envelopes;
import org.ccpfhir.security.cms.Opened;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * Opens a sealed upload of one site and applies it to the MDS database (CCP-IT §3.3, §3.4): the
 * envelope must be signed by that site's bridgehead (the same site as the TLS caller), each
 * patient's pseudonym envelope by the central patient list (MDS*G-ID) or, for locally consented
 * patients, by the same bridgehead with a site-scoped {@code L-} pseudonym. Everything is checked
 * before anything is stored; the upserts of one upload are one transaction.
 */
public class UploadReceiver {

  /** Pseudonym values the store accepts: the central list's alphabet or an {@code L-} hash. */
  private static final Pattern GLOBAL = Pattern.compile("[0-9A-Z]{4,64}");

  private static final Pattern LOCAL = Pattern.compile("L-[0-9a-f]{32,64}");

  private final MdsStoreService store;
  private final Credential self;
  private final CertificateVerifier verifier;
  private final FhirContext fhir;
  private final String centralListRole;

  public UploadReceiver(
      MdsStoreService store,
      Credential self,
      CertificateVerifier verifier,
      FhirContext fhir,
      String centralListRole) {
    this.store = store;
    this.self = self;
    this.verifier = verifier;
    this.fhir = fhir;
    this.centralListRole = centralListRole;
  }

  /** What one upload changed. */
  public record Outcome(int upserted, int deleted) {}

  /**
   * @param callerSite the site of the bridgehead certificate of the TLS connection
   */
  public Outcome receive(byte[] sealed, String callerSite) {
    Opened upload = openFromSite(sealed, callerSite);
    ComponentName sender = upload.sender();
    Parameters content = parse(upload.payload());
    Map<String, Bundle> upserts = new LinkedHashMap<>();
    Set<String> deletes = new LinkedHashSet<>();
    List<Parameters.ParametersParameterComponent> entries =
        content.getParameter().stream().filter(p -> ENTRY.equals(p.getName())).toList();
    for (int i = 0; i < entries.size(); i++) {
      Entry entry = entry(entries.get(i), i, sender);
      if (upserts.containsKey(entry.pseudonym()) || deletes.contains(entry.pseudonym())) {
        throw new InvalidRequestException("entry[" + i + "]: the patient appears twice");
      }
      if (entry.bundle() == null) {
        deletes.add(entry.pseudonym());
      } else {
        upserts.put(entry.pseudonym(), entry.bundle());
      }
    }
    if (!upserts.isEmpty()) {
      store.upsertAll(callerSite, upserts);
    }
    int deleted = 0;
    for (String pseudonym : deletes) {
      deleted += store.delete(callerSite, pseudonym) ? 1 : 0;
    }
    return new Outcome(upserts.size(), deleted);
  }

  /** The site of the bridgehead calling with a sealed request (upload or withdrawal). */
  static String callerSite(Base64BinaryType envelope) {
    if (envelope == null || !envelope.hasValue()) {
      throw new InvalidRequestException("parameter 'envelope' (base64Binary) is required");
    }
    return Caller.current()
        .map(Caller::site)
        .orElseThrow(() -> new ForbiddenOperationException("only a site's bridgehead may call"));
  }

  /** Opens a sealed request that must be signed by the bridgehead of the calling site. */
  Opened openFromSite(byte[] sealed, String callerSite) {
    Opened opened = open(sealed, "envelope");
    ComponentName sender = opened.sender();
    if (!"bridgehead".equals(sender.role()) || !callerSite.equals(sender.site())) {
      throw new ForbiddenOperationException(
          "the request is signed by "
              + sender.cn()
              + ", not by the bridgehead of site "
              + callerSite
              + " that sends it");
    }
    return opened;
  }

  private record Entry(String pseudonym, Bundle bundle) {}

  private Entry entry(
      Parameters.ParametersParameterComponent entry, int index, ComponentName site) {
    String where = "entry[" + index + "]";
    Parameters.ParametersParameterComponent pseudonym = part(entry, PSEUDONYM);
    Parameters.ParametersParameterComponent action = part(entry, ACTION);
    if (pseudonym == null
        || !(pseudonym.getValue() instanceof Base64BinaryType encrypted)
        || action == null
        || action.getValue() == null) {
      throw new InvalidRequestException(
          where + ": needs the parts 'pseudonym' (base64Binary) and 'action'");
    }
    String value = pseudonymOf(encrypted.getValue(), site, where);
    String kind = action.getValue().primitiveValue();
    if (DELETE.equals(kind)) {
      return new Entry(value, null);
    }
    Parameters.ParametersParameterComponent bundle = part(entry, BUNDLE);
    if (!UPSERT.equals(kind) || bundle == null || !(bundle.getResource() instanceof Bundle b)) {
      throw new InvalidRequestException(
          where + ": action must be 'delete', or 'upsert' with a Bundle in part 'bundle'");
    }
    refuseIdentifyingData(b, where);
    return new Entry(value, b);
  }

  /** Defence in depth: the Teiler minimises; what still looks identifying is refused here. */
  private static void refuseIdentifyingData(Bundle bundle, String where) {
    for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
      Resource resource = e.getResource();
      if (resource instanceof Patient p
          && (p.hasName()
              || p.hasAddress()
              || p.hasTelecom()
              || p.hasContact()
              || p.hasPhoto()
              || (p.hasBirthDate()
                  && p.getBirthDateElement().getPrecision().ordinal()
                      > TemporalPrecisionEnum.MONTH.ordinal()))) {
        throw new UnprocessableEntityException(
            where
                + ".bundle: the Patient carries identifying data (name, address, telecom,"
                + " contact, photo or an exact birth date)");
      }
      if (resource != null
          && resource.getNamedProperty("identifier") != null
          && resource.getNamedProperty("identifier").hasValues()) {
        throw new UnprocessableEntityException(
            where + ".bundle: " + resource.fhirType() + " carries an identifier");
      }
    }
  }

  /**
   * The pseudonym value of one envelope: signed by the central patient list (MDS*G-ID), or by the
   * given site's bridgehead itself ({@code L-} pseudonym); anything else is refused.
   */
  String pseudonymOf(byte[] sealed, ComponentName site, String where) {
    Opened opened = open(sealed, where + ".pseudonym");
    String value = new String(opened.payload(), StandardCharsets.US_ASCII);
    ComponentName signer = opened.sender();
    boolean global = centralListRole.equals(signer.role()) && GLOBAL.matcher(value).matches();
    boolean local = site.equals(signer) && LOCAL.matcher(value).matches();
    if (!global && !local) {
      throw new ForbiddenOperationException(
          where
              + ": a pseudonym must come from the central patient list, or be the sending site's"
              + " own "
              + LOCAL_PREFIX
              + " pseudonym (signed by "
              + signer.cn()
              + ")");
    }
    return value;
  }

  /** Opens an envelope sealed for the MDS database (by any network component). */
  Opened open(byte[] sealed, String where) {
    try {
      return Envelopes.open(sealed, self, verifier);
    } catch (EnvelopeException e) {
      throw new InvalidRequestException(
          where + ": the envelope cannot be opened (" + e.reason() + ")");
    }
  }

  Parameters parse(byte[] payload) {
    try {
      return fhir.newJsonParser()
          .parseResource(Parameters.class, new String(payload, StandardCharsets.UTF_8));
    } catch (DataFormatException | ClassCastException e) {
      throw new InvalidRequestException("the upload is not a FHIR Parameters resource (JSON)");
    }
  }

  static Parameters.ParametersParameterComponent part(
      Parameters.ParametersParameterComponent entry, String name) {
    return entry.getPart().stream().filter(p -> name.equals(p.getName())).findFirst().orElse(null);
  }
}
