package io.mirrorguard.agent.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error pages as our JSON errors. Jetty answers some requests before any route runs (a bad request line,
 * path or percent-encoding: 400; a URI too long: 414; headers too large: 431); without this they would be HTML.
 */
final class JsonErrorPages extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        Map<String, Object> body = new LinkedHashMap<>();
        String reason = HttpStatus.getMessage(code);
        body.put("error", reason == null ? "error" : reason.toLowerCase(java.util.Locale.ROOT));
        // Jetty's message names the problem (e.g. "Ambiguous URI encoding"); bounded like every echo
        body.put("detail", message == null || message.equals(reason) ? null : HttpErrors.echo(message));
        byte[] bytes = ApiJson.write(body).getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }
}
