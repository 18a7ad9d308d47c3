package org.ccpfhir.security.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.ccpfhir.security.auth.AuthProperties;
import org.ccpfhir.security.auth.AuthProperties.Client;
import org.ccpfhir.security.auth.AuthProperties.LocalIssuer;
import org.ccpfhir.security.auth.AuthProperties.User;
import org.ccpfhir.security.tls.TlsProperties;
import org.ccpfhir.security.tls.TlsProperties.Provision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequiredSettingsTest {

  @TempDir Path dir;

  @Test
  void nothingConfiguredNamesTheIssuerAndEveryTlsFile() {
    List<String> missing = RequiredSettings.missing(auth("", localIssuer(false)), tls(null, null));

    assertThat(missing)
        .anyMatch(line -> line.startsWith("ccp.auth.issuer-uri:"))
        .anyMatch(line -> line.startsWith("ccp.tls.key-store:"))
        .anyMatch(line -> line.startsWith("ccp.tls.ca-certificate:"))
        .hasSize(3);
  }

  @Test
  void aLocalIssuerWithoutUsersOrClientsIsNotEnough() {
    assertThat(RequiredSettings.missing(auth("", localIssuer(true)), noTls()))
        .singleElement()
        .asString()
        .startsWith("ccp.auth.local-issuer.users or ccp.auth.local-issuer.clients:");
  }

  @Test
  void aLocalUserOrClientOrAnExternalIssuerIsEnough() {
    User user = new User("anna", "{bcrypt}x", List.of("admin"), "", List.of());
    Client client = new Client("prometheus", "{bcrypt}x", List.of("metrics"), List.of(), "");

    assertThat(RequiredSettings.missing(auth("", localIssuer(true, user)), noTls())).isEmpty();
    assertThat(RequiredSettings.missing(auth("", localIssuer(true, client)), noTls())).isEmpty();
    assertThat(RequiredSettings.missing(auth("https://idp.example", localIssuer(false)), noTls()))
        .isEmpty();
  }

  @Test
  void configuredFilesThatDoNotExistAreNamedWithTheirPath() {
    Path keyStore = dir.resolve("bridgehead.p12");
    Path ca = dir.resolve("ca.pem");

    assertThat(RequiredSettings.missing(external(), tls(keyStore, ca)))
        .containsExactly(
            "ccp.tls.key-store: there is no file " + keyStore,
            "ccp.tls.key-store-password-file: the key store's password (there is no file "
                + dir.resolve("bridgehead.p12.password")
                + ")",
            "ccp.tls.ca-certificate: there is no file " + ca);
  }

  @Test
  void existingKeyStorePasswordFileAndCaCertificateAreEnough() throws Exception {
    Path keyStore = Files.createFile(dir.resolve("bridgehead.p12"));
    Files.createFile(dir.resolve("bridgehead.p12.password"));
    Path ca = Files.createFile(dir.resolve("ca.pem"));

    assertThat(RequiredSettings.missing(external(), tls(keyStore, ca))).isEmpty();
  }

  @Test
  void demoProvisioningNeedsOnlyTheKeyStorePathAndTheCaDirectory() {
    TlsProperties provisioned =
        new TlsProperties(
            true,
            dir.resolve("x.p12"),
            null,
            "",
            null,
            null,
            30,
            new Provision(true, dir, "bridgehead.HD", List.of("localhost"), Duration.ofDays(1)));

    assertThat(RequiredSettings.missing(external(), provisioned)).isEmpty();
  }

  private static AuthProperties external() {
    return auth("https://idp.example", localIssuer(false));
  }

  private static AuthProperties auth(String issuerUri, LocalIssuer localIssuer) {
    return new AuthProperties(issuerUri, "roles", "site", "domains", "groups", localIssuer);
  }

  private static LocalIssuer localIssuer(boolean enabled, Object... principals) {
    List<User> users =
        List.of(principals).stream().filter(User.class::isInstance).map(User.class::cast).toList();
    List<Client> clients =
        List.of(principals).stream()
            .filter(Client.class::isInstance)
            .map(Client.class::cast)
            .toList();
    return new LocalIssuer(
        enabled, "urn:test", Duration.ofMinutes(30), 5, Duration.ofMinutes(5), users, clients);
  }

  private static TlsProperties noTls() {
    return new TlsProperties(false, null, null, "", null, null, 30, noProvision());
  }

  private static TlsProperties tls(Path keyStore, Path ca) {
    return new TlsProperties(true, keyStore, null, "", ca, null, 30, noProvision());
  }

  private static Provision noProvision() {
    return new Provision(false, null, "", List.of("localhost"), Duration.ofDays(365));
  }
}
