package org.ccpfhir.security.tls;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * This component's TLS identity and trust ({@code ccp.tls.*}): its certificate from the network CA,
 * served on the HTTPS port and presented on calls to other components (mutual TLS).
 *
 * @param enabled serve HTTPS with the component certificate and accept network certificates
 * @param keyStore PKCS#12 file with this component's key and certificate chain
 * @param keyStorePasswordFile file holding the key store password (first line); used when {@code
 *     keyStorePassword} is empty
 * @param keyStorePassword the key store password itself (prefer the file, or an environment
 *     variable {@code CCP_TLS_KEY_STORE_PASSWORD})
 * @param caCertificate PEM file of the network CA certificate: the only issuer trusted
 * @param crlFile PEM file of the network CA's certificate revocation list; re-read when it changes
 * @param expiryWarningDays warn (log and health) this many days before the certificate expires
 * @param provision create the network CA and this component's certificate on first start (demo)
 */
@Validated
@ConfigurationProperties("ccp.tls")
public record TlsProperties(
    @DefaultValue("false") boolean enabled,
    Path keyStore,
    Path keyStorePasswordFile,
    @DefaultValue("") String keyStorePassword,
    Path caCertificate,
    Path crlFile,
    @DefaultValue("30") @Min(1) int expiryWarningDays,
    @Valid @NotNull @DefaultValue Provision provision) {

  /**
   * First-start provisioning for the embedded demo network: a CA directory shared by the components
   * of one machine, and a certificate for this component issued from it when its key store does not
   * exist yet. Off in production, where certificates come from {@code ccp-ca}.
   *
   * @param enabled create what is missing at start-up
   * @param caDir directory of the network CA (created with a random password in {@code ca.password}
   *     when absent); also supplies {@code caCertificate} and {@code crlFile}
   * @param name this component's name, {@code role.SITE} or {@code role} (e.g. {@code
   *     bridgehead.HD})
   * @param dnsNames host names the certificate is valid for
   * @param validity validity of the issued certificate
   */
  public record Provision(
      @DefaultValue("false") boolean enabled,
      Path caDir,
      @DefaultValue("") String name,
      @DefaultValue("localhost") List<String> dnsNames,
      @DefaultValue("P365D") Duration validity) {}
}
