package dev.outrigger.e2e.mesh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection that writes each request in a single segment with
 * TCP_NODELAY, for latency measurements: the JDK client writes a POST's headers and body
 * separately, and Nagle's algorithm then adds the peer's delayed ACK (~40 ms) to every call.
 */
final class RawHttpClient implements AutoCloseable {

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	RawHttpClient(int port) throws IOException {
		this.socket = new Socket("127.0.0.1", port);
		this.socket.setTcpNoDelay(true);
		this.socket.setSoTimeout(15_000);
		this.in = this.socket.getInputStream();
		this.out = this.socket.getOutputStream();
	}

	/** Posts a JSON body and returns the status code, reading the whole answer. */
	int postJson(String path, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
				+ "Content-Length: " + body.length + "\r\n\r\n";
		ByteArrayOutputStream request = new ByteArrayOutputStream();
		request.write(head.getBytes(StandardCharsets.US_ASCII));
		request.write(body);
		this.out.write(request.toByteArray());
		this.out.flush();
		return readResponse();
	}

	private int readResponse() throws IOException {
		String statusLine = readLine();
		int status = Integer.parseInt(statusLine.split(" ")[1]);
		long length = -1;
		boolean chunked = false;
		for (String line = readLine(); !line.isEmpty(); line = readLine()) {
			String lower = line.toLowerCase(Locale.ROOT);
			if (lower.startsWith("content-length:")) {
				length = Long.parseLong(lower.substring(15).trim());
			}
			chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
		}
		if (chunked) {
			for (long size = Long.parseLong(readLine().trim(), 16); size > 0; size = Long.parseLong(readLine().trim(), 16)) {
				this.in.readNBytes((int) size);
				readLine();
			}
			readLine();
		}
		else if (length > 0) {
			this.in.readNBytes((int) length);
		}
		return status;
	}

	private String readLine() throws IOException {
		StringBuilder line = new StringBuilder();
		for (int c = this.in.read(); c != '\n'; c = this.in.read()) {
			if (c < 0) {
				throw new IOException("connection closed mid-response");
			}
			if (c != '\r') {
				line.append((char) c);
			}
		}
		return line.toString();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
