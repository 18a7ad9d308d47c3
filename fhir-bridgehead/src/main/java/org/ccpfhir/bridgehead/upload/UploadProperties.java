package org.ccpfhir.bridgehead.upload;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Teiler's upload to the central MDS database ({@code ccp.upload.*}). Without {@code mds-url}
 * nothing is uploaded (the schedule does nothing, {@code $upload} answers that the upload is not
 * configured).
 *
 * @param mdsUrl FHIR base of the MDS database (mutual TLS with this bridgehead's certificate)
 * @param mdsCertificate PEM certificate of the MDS database, which the envelopes are encrypted for;
 *     without it, the certificate the MDS database presents in the TLS handshake (network CA, name
 *     {@code mds-search})
 * @param cron when the scheduled upload runs (Spring cron; {@code -} = never); default daily 01:30
 * @param batchSize patients per sealed upload request (and per state commit)
 * @param icd10Ranges the relevant cases: patients with a diagnosis in one of these ICD-10 ranges
 *     (e.g. {@code C00-D48}, {@code C50}) are uploaded, others stay local
 * @param reencryptTarget the MDS database's name at the central list's {@code $reencrypt}
 * @param localIdKey base64 secret for the pseudonyms of locally consented patients (alternative to
 *     the file)
 * @param localIdKeyFile file with that secret, created on first start
 * @param threads parallel {@code $reencrypt} calls per batch
 * @param timeout how long to wait for the MDS database
 */
@Validated
@ConfigurationProperties("ccp.upload")
public record UploadProperties(
    URI mdsUrl,
    Path mdsCertificate,
    @DefaultValue("0 30 1 * * *") @NotNull String cron,
    @DefaultValue("200") @Min(1) @Max(5000) int batchSize,
    @DefaultValue("C00-D48") @NotEmpty List<String> icd10Ranges,
    @DefaultValue("mds-search") @NotNull String reencryptTarget,
    String localIdKey,
    @DefaultValue("./data/bridgehead/upload/local-id.key") Path localIdKeyFile,
    @DefaultValue("4") @Min(1) @Max(32) int threads,
    @DefaultValue("PT60S") Duration timeout) {

  public boolean configured() {
    return mdsUrl != null;
  }
}
