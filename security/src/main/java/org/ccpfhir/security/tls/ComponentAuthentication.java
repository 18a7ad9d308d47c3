package org.ccpfhir.security.tls;

import java.security.cert.X509Certificate;
import java.util.List;
import org.ccpfhir.security.audit.AuditAgent;
import org.ccpfhir.security.auth.Caller;
import org.ccpfhir.security.auth.Roles;
import org.ccpfhir.security.ca.ComponentName;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A component authenticated by its verified network certificate. */
public class ComponentAuthentication extends AbstractAuthenticationToken implements Caller.Source {

  /** Authority naming the component's role, e.g. {@code COMPONENT_bridgehead}. */
  public static String roleAuthority(String componentRole) {
    return "COMPONENT_" + componentRole;
  }

  private final transient X509Certificate certificate;
  private final ComponentName name;

  ComponentAuthentication(ComponentName name, X509Certificate certificate) {
    super(
        List.of(
            new SimpleGrantedAuthority(Roles.authority(Roles.COMPONENT)),
            new SimpleGrantedAuthority(roleAuthority(name.role()))));
    this.name = name;
    this.certificate = certificate;
    setAuthenticated(true);
  }

  public ComponentName name() {
    return name;
  }

  @Override
  public Object getCredentials() {
    return certificate;
  }

  @Override
  public Object getPrincipal() {
    return name;
  }

  @Override
  public String getName() {
    return name.cn();
  }

  @Override
  public Caller caller() {
    return new Caller(
        AuditAgent.Kind.COMPONENT, name.cn(), name.site(), List.of(Roles.COMPONENT), List.of());
  }
}
