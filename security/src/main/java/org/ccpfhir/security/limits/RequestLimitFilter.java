package org.ccpfhir.security.limits;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.ccpfhir.security.auth.SecurityResponses;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Enforces {@link LimitsProperties} on request bodies before anything parses them: a declared
 * Content-Length over the limit is refused at once (413) without reading; a body without one
 * (chunked) is counted while it is read and refused as soon as it passes the limit (413); a JSON or
 * XML body within the size limit is then checked by {@link BodyScanner} (400 when a Bundle has too
 * many entries, nesting is too deep, ...). Both answers carry an OperationOutcome naming the limit
 * and nothing was changed. Form posts (the token endpoint) are only checked by size: Tomcat parses
 * their parameters itself, bounded by the same limit (see {@link LimitsAutoConfiguration}).
 */
public class RequestLimitFilter extends OncePerRequestFilter {

  /** How much of an over-long body is read and dropped so that the client sees the 413. */
  private static final int DRAIN_FACTOR = 4;

  private final LimitsProperties limits;
  private final BodyScanner scanner;

  public RequestLimitFilter(LimitsProperties limits) {
    this.limits = limits;
    this.scanner = new BodyScanner(limits);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long declared = request.getContentLengthLong();
    boolean chunked = request.getHeader("Transfer-Encoding") != null;
    if (declared <= 0 && !chunked) {
      chain.doFilter(request, response);
      return;
    }
    boolean form = isForm(request);
    boolean importPath = !form && limits.importPaths().contains(pathOf(request));
    String property =
        form
            ? "ccp.limits.form-body"
            : importPath ? "ccp.limits.import-body" : "ccp.limits.fhir-body";
    long max =
        (form ? limits.formBody() : importPath ? limits.importBody() : limits.fhirBody()).toBytes();
    if (declared > max) {
      tooLarge(request, response, property, max);
      return;
    }
    if (form) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = readAtMost(request.getInputStream(), declared, max);
    if (body == null) {
      tooLarge(request, response, property, max);
      return;
    }
    Optional<BodyScanner.Refusal> violation = scanner.scan(body, !importPath);
    if (violation.isPresent()) {
      SecurityResponses.refuse(
          request,
          response,
          HttpServletResponse.SC_BAD_REQUEST,
          violation.get().type(),
          "request refused: " + violation.get().message());
      return;
    }
    chain.doFilter(new BufferedBodyRequest(request, body), response);
  }

  private static void tooLarge(
      HttpServletRequest request, HttpServletResponse response, String property, long max)
      throws IOException {
    // Most clients read no answer before they have sent their whole body (they see a broken pipe
    // instead of the 413): the rest is read and dropped, up to a few times the limit (no memory
    // held); beyond that the connection is closed.
    long declared = request.getContentLengthLong();
    if (declared > DRAIN_FACTOR * max || !discard(request.getInputStream(), DRAIN_FACTOR * max)) {
      response.setHeader("Connection", "close");
    }
    SecurityResponses.refuse(
        request,
        response,
        HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
        IssueType.TOOCOSTLY,
        "request body larger than " + max + " bytes (" + property + ")");
  }

  /** Reads and drops at most {@code max} bytes; true if the stream ended within them. */
  private static boolean discard(InputStream in, long max) {
    byte[] buffer = new byte[8192];
    long total = 0;
    try {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        total += read;
        if (total > max) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The whole body, or null as soon as it is longer than {@code max} bytes. */
  private static byte[] readAtMost(InputStream in, long declared, long max) throws IOException {
    ByteArrayOutputStream out =
        new ByteArrayOutputStream(declared > 0 ? (int) Math.min(declared, 1 << 30) : 8192);
    byte[] buffer = new byte[8192];
    long total = 0;
    int read;
    while ((read = in.read(buffer)) >= 0) {
      total += read;
      if (total > max) {
        return null;
      }
      out.write(buffer, 0, read);
    }
    return out.toByteArray();
  }

  private static boolean isForm(HttpServletRequest request) {
    String type = request.getContentType();
    if (type == null) {
      return false;
    }
    try {
      return MediaType.APPLICATION_FORM_URLENCODED.includes(MediaType.parseMediaType(type));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String pathOf(HttpServletRequest request) {
    String uri = request.getRequestURI();
    String context = request.getContextPath();
    return context != null && uri.startsWith(context) ? uri.substring(context.length()) : uri;
  }

  /** The request with its body already read (and checked) into memory. */
  private static final class BufferedBodyRequest extends HttpServletRequestWrapper {

    private final byte[] body;

    BufferedBodyRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("the body is already in memory");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding();
      Charset charset = StandardCharsets.UTF_8;
      try {
        charset = encoding == null ? charset : Charset.forName(encoding);
      } catch (IllegalArgumentException e) {
        // an unknown charset name is the parser's to refuse, not a reason to fail here
      }
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
  }
}
