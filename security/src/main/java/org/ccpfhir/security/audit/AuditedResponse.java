package org.ccpfhir.security.audit;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.function.IntPredicate;

/**
 * The response as the handlers see it: before anything of the answer can reach the client — the
 * first byte written or flushed, an error or a redirect sent — it asks the audit filter to store
 * the request's records. If that fails, the answer is withheld: everything written afterwards is
 * discarded, and the filter answers 503 instead.
 */
final class AuditedResponse extends HttpServletResponseWrapper {

  /** Stores the records for the given status; false when they could not be stored. */
  private final IntPredicate beforeAnswer;

  private boolean released;
  private boolean withheld;
  private ServletOutputStream stream;
  private PrintWriter writer;

  AuditedResponse(HttpServletResponse response, IntPredicate beforeAnswer) {
    super(response);
    this.beforeAnswer = beforeAnswer;
  }

  /** Whether the records were stored or could not be (the answer has started or was withheld). */
  boolean decided() {
    return released || withheld;
  }

  /** Stores the records now (the chain is done and nothing was written). */
  void decide(int status) {
    release(status);
  }

  boolean withheld() {
    return withheld;
  }

  /** Returns whether the answer may go out. */
  private boolean release(int status) {
    if (!released && !withheld) {
      if (beforeAnswer.test(status)) {
        released = true;
      } else {
        withheld = true;
      }
    }
    return released;
  }

  @Override
  public ServletOutputStream getOutputStream() throws IOException {
    if (stream == null) {
      stream = new GuardedStream(super.getOutputStream());
    }
    return stream;
  }

  @Override
  public PrintWriter getWriter() throws IOException {
    if (writer == null) {
      writer = new PrintWriter(new GuardedWriter(super.getWriter()));
    }
    return writer;
  }

  @Override
  public void flushBuffer() throws IOException {
    if (release(getStatus())) {
      super.flushBuffer();
    }
  }

  @Override
  public void sendError(int status) throws IOException {
    if (release(status)) {
      super.sendError(status);
    }
  }

  @Override
  public void sendError(int status, String message) throws IOException {
    if (release(status)) {
      super.sendError(status, message);
    }
  }

  @Override
  public void sendRedirect(String location) throws IOException {
    if (release(HttpServletResponse.SC_FOUND)) {
      super.sendRedirect(location);
    }
  }

  private final class GuardedStream extends ServletOutputStream {

    private final ServletOutputStream target;

    GuardedStream(ServletOutputStream target) {
      this.target = target;
    }

    @Override
    public void write(int b) throws IOException {
      if (release(getStatus())) {
        target.write(b);
      }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      if (length > 0 && release(getStatus())) {
        target.write(bytes, offset, length);
      }
    }

    @Override
    public void flush() throws IOException {
      if (release(getStatus())) {
        target.flush();
      }
    }

    @Override
    public void close() throws IOException {
      if (release(getStatus())) {
        target.close();
      }
    }

    @Override
    public boolean isReady() {
      return target.isReady();
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      target.setWriteListener(listener);
    }
  }

  private final class GuardedWriter extends Writer {

    private final PrintWriter target;

    GuardedWriter(PrintWriter target) {
      this.target = target;
    }

    @Override
    public void write(char[] chars, int offset, int length) {
      if (length > 0 && release(getStatus())) {
        target.write(chars, offset, length);
      }
    }

    @Override
    public void write(String text, int offset, int length) {
      if (length > 0 && release(getStatus())) {
        target.write(text, offset, length);
      }
    }

    @Override
    public void flush() {
      if (release(getStatus())) {
        target.flush();
      }
    }

    @Override
    public void close() {
      if (release(getStatus())) {
        target.close();
      }
    }
  }
}
