package org.memberbus.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A POST whose body the authorization decision reads before Jolokia does: read once, at most
 * {@link #LIMIT} bytes, and handed to Jolokia again from memory. Nothing is read unless asked
 * (an ADMIN's request streams straight through).
 */
final class CachedBodyRequest extends HttpServletRequestWrapper {

    /** A Jolokia bulk request from Hawtio is a few KiB; a body larger than this is not read. */
    static final int LIMIT = 256 * 1024;

    private byte[] body;
    private boolean tooLarge;

    CachedBodyRequest(HttpServletRequest request) {
        super(request);
    }

    /** The wrapper under this request (Hawtio forwards its Jolokia calls: the forward wraps it again). */
    static CachedBodyRequest in(ServletRequest request) {
        var current = request;
        while (current instanceof ServletRequestWrapper wrapper) {
            if (current instanceof CachedBodyRequest cached) {
                return cached;
            }
            current = wrapper.getRequest();
        }
        return null;
    }

    /** The body, or null when it is larger than {@link #LIMIT}. */
    synchronized byte[] body() {
        if (body == null && !tooLarge) {
            try {
                var in = super.getInputStream();
                var bytes = in.readNBytes(LIMIT + 1);
                if (bytes.length > LIMIT) {
                    tooLarge = true;
                } else {
                    body = bytes;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return tooLarge ? null : body;
    }

    @Override
    public synchronized ServletInputStream getInputStream() throws IOException {
        if (body == null) {
            return super.getInputStream();
        }
        var in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override public int read() { return in.read(); }
            @Override public int read(byte[] b, int off, int len) { return in.read(b, off, len); }
            @Override public boolean isFinished() { return in.available() == 0; }
            @Override public boolean isReady() { return true; }
            @Override public void setReadListener(ReadListener listener) { throw new UnsupportedOperationException(); }
        };
    }

    @Override
    public BufferedReader getReader() throws IOException {
        if (body == null) {
            return super.getReader();
        }
        var charset = getCharacterEncoding() == null ? Charset.defaultCharset() : Charset.forName(getCharacterEncoding());
        return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }

    /** Wraps the POSTs to Jolokia so the decision can read them; placed before authorization. */
    static final class Filter extends OncePerRequestFilter {
        private final RequestMatcher jolokia;

        Filter(RequestMatcher jolokia) {
            this.jolokia = jolokia;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            var wrap = HttpMethod.POST.matches(request.getMethod()) && jolokia.matches(request);
            chain.doFilter(wrap ? new CachedBodyRequest(request) : request, response);
        }
    }
}
