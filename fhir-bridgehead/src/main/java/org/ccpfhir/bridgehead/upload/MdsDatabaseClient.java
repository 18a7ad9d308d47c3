package org.ccpfhir.bridgehead.upload;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Supplier;
import org.ccpfhir.platform.ComponentClient;
import org.ccpfhir.profiles.upload.MdsUploadContract;
import org.ccpfhir.security.ca.Credential;
import org.ccpfhir.security.cms.Envelopes;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Parameters;

/**
 * Sends one sealed batch to the MDS database's {@code $mds-upload} over mutual TLS: the batch (a
 * Parameters, see {@link MdsUploadContract}) is signed with this bridgehead's key and encrypted for
 * the MDS database's certificate. A refusal or an unreachable database throws; the caller then
 * keeps the batch's patients as not uploaded.
 */
public class MdsDatabaseClient {

  private final ComponentClient client;
  private final URI mdsUrl;
  private final FhirContext fhir;
  private final Credential self;
  private final Supplier<X509Certificate> mdsDatabase;

  public MdsDatabaseClient(
      ComponentClient client,
      URI mdsUrl,
      FhirContext fhir,
      Credential self,
      Supplier<X509Certificate> mdsDatabase) {
    this.client = client;
    this.mdsUrl = mdsUrl;
    this.fhir = fhir;
    this.self = self;
    this.mdsDatabase = mdsDatabase;
  }

  /** One patient of a batch: upsert (bundle given) or delete (bundle null). */
  public record Entry(byte[] pseudonym, Bundle bundle) {}

  public void send(List<Entry> entries) {
    Parameters batch = new Parameters();
    for (Entry entry : entries) {
      Parameters.ParametersParameterComponent part =
          batch.addParameter().setName(MdsUploadContract.ENTRY);
      part.addPart()
          .setName(MdsUploadContract.PSEUDONYM)
          .setValue(new Base64BinaryType(entry.pseudonym()));
      part.addPart()
          .setName(MdsUploadContract.ACTION)
          .setValue(
              new CodeType(
                  entry.bundle() == null ? MdsUploadContract.DELETE : MdsUploadContract.UPSERT));
      if (entry.bundle() != null) {
        part.addPart().setName(MdsUploadContract.BUNDLE).setResource(entry.bundle());
      }
    }
    byte[] sealed =
        Envelopes.seal(
            fhir.newJsonParser().encodeResourceToString(batch).getBytes(StandardCharsets.UTF_8),
            self,
            mdsDatabase.get());
    Parameters request = new Parameters();
    request
        .addParameter()
        .setName(MdsUploadContract.ENVELOPE)
        .setValue(new Base64BinaryType(sealed));
    client.call("MDS database", mdsUrl, MdsUploadContract.OPERATION, request);
  }
}
