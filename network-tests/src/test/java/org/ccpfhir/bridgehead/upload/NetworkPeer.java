package org.ccpfhir.bridgehead.upload;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import org.ccpfhir.bridgehead.identity.IdentityNetwork;
import org.ccpfhir.bridgehead.identity.SiteClient;
import org.ccpfhir.identity.idat.IdatParameters;
import org.ccpfhir.profiles.upload.MdsUploadContract;
import org.ccpfhir.security.ca.Credential;
import org.ccpfhir.security.cms.Envelopes;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;

/**
 * A site of the network acted by a test with that site's certificate (e.g. TUE beside the
 * bridgehead HD): links a person at the identity network, has its global pseudonym re-encrypted for
 * the MDS database, and uploads under it.
 */
public final class NetworkPeer {

  private final SiteClient site;
  private final Credential credential;
  private final IdentityNetwork network;
  private final FhirContext fhir;

  public NetworkPeer(
      SiteClient site, Credential credential, IdentityNetwork network, FhirContext fhir) {
    this.site = site;
    this.credential = credential;
    this.network = network;
    this.fhir = fhir;
  }

  /** The site's global pseudonym of a person (generator ticket, redeemed at the central list). */
  public String globalPseudonym(Patient idat) {
    Parameters person = new Parameters();
    person.addParameter(
        "firstName", new StringType(idat.getNameFirstRep().getGivenAsSingleString()));
    person.addParameter("lastName", new StringType(idat.getNameFirstRep().getFamily()));
    person.addParameter("birthDate", new DateType(idat.getBirthDateElement().getValueAsString()));
    person.addParameter("sex", new CodeType(idat.getGender().toCode()));
    Parameters ticket =
        site.call(
            IdentityNetwork.url(network.generator),
            "$control-number-ticket",
            IdatParameters.toParameters(IdatParameters.read(person).get(0)));
    Parameters redeem = new Parameters();
    redeem.addParameter().setName("ticket").setValue(ticket.getParameter("ticket").getValue());
    Parameters global =
        site.call(IdentityNetwork.url(network.centralList), "$redeem-ticket", redeem);
    return ((Identifier)
            global.getParameter("pseudonym").getPart().stream()
                .filter(p -> p.getName().equals("pseudonym"))
                .findFirst()
                .orElseThrow()
                .getValue())
        .getValue();
  }

  /** The person's MDS*G-ID sealed for the MDS database, as the central list answers a site. */
  public byte[] reencrypt(String globalPseudonym) {
    return reencrypt(site, network, globalPseudonym);
  }

  static byte[] reencrypt(SiteClient site, IdentityNetwork network, String globalPseudonym) {
    Parameters input = new Parameters();
    input.addParameter("pseudonym", new StringType(globalPseudonym));
    input.addParameter("target", new CodeType(MdsUploadContract.REENCRYPT_TARGET));
    return ((Base64BinaryType)
            site.call(IdentityNetwork.url(network.centralList), "$reencrypt", input)
                .getParameter("encryptedPseudonym")
                .getValue())
        .getValue();
  }

  /** The site's own upload of one patient (minimal MDS data) under a sealed pseudonym. */
  public void upload(byte[] sealedPseudonym, Patient minimal) {
    Parameters batch = new Parameters();
    Parameters.ParametersParameterComponent entry = batch.addParameter().setName("entry");
    entry.addPart().setName("pseudonym").setValue(new Base64BinaryType(sealedPseudonym));
    entry.addPart().setName("action").setValue(new CodeType("upsert"));
    Bundle data = new Bundle().setType(Bundle.BundleType.COLLECTION);
    data.addEntry().setResource(minimal);
    entry.addPart().setName("bundle").setResource(data);
    byte[] envelope =
        Envelopes.seal(
            fhir.newJsonParser().encodeResourceToString(batch).getBytes(StandardCharsets.UTF_8),
            credential,
            network.mdsSearch.certificate());
    Parameters request = new Parameters();
    request.addParameter().setName("envelope").setValue(new Base64BinaryType(envelope));
    site.call(IdentityNetwork.url(MdsDatabase.shared()), "$mds-upload", request);
  }

  /** What the MDS database reads from a sealed pseudonym (the tests hold its key). */
  public String opened(
      byte[] sealedPseudonym, org.ccpfhir.security.ca.CertificateVerifier verifier) {
    return new String(
        Envelopes.open(sealedPseudonym, network.mdsSearch, verifier).payload(),
        StandardCharsets.US_ASCII);
  }
}
