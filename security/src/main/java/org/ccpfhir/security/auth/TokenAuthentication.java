package org.ccpfhir.security.auth;

import java.util.Collection;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** A caller authenticated by a validated bearer token. */
public class TokenAuthentication extends JwtAuthenticationToken implements Caller.Source {

  private final transient Caller caller;

  TokenAuthentication(Jwt jwt, Collection<? extends GrantedAuthority> authorities, Caller caller) {
    super(jwt, authorities, caller.id());
    this.caller = caller;
  }

  @Override
  public Caller caller() {
    return caller;
  }
}
