package dev.outrigger.demo.orders.error;

import java.io.IOException;
import java.io.PrintWriter;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * Writes Tomcat's own error reports, for requests rejected before they reach the application
 * (such as a malformed URL), as an {@link ApiError} JSON body instead of an HTML page.
 */
class JsonErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		// As Tomcat's valves do: leave successes, written bodies and reported errors alone.
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		HttpStatusCode statusCode = HttpStatusCode.valueOf(status);
		HttpStatus known = HttpStatus.resolve(status);
		String reason = (known != null) ? known.getReasonPhrase() : "HTTP " + status;
		try {
			response.setContentType("application/json");
			response.setCharacterEncoding("UTF-8");
			PrintWriter writer = response.getReporter();
			if (writer != null) {
				// Both values are fixed words, so no JSON escaping is needed.
				writer.write("{\"error\":\"" + ApiError.codeFor(statusCode)
						+ "\",\"message\":\"the server rejected the request: " + reason + "\"}");
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client has gone or the response is already on its way; nothing left to tell.
		}
	}

}
