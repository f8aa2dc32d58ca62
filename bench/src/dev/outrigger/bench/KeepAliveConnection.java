package dev.outrigger.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 keep-alive connection that sends a fixed GET and reads the whole answer
 * (Content-Length or chunked), reconnecting when the server closes it.
 */
final class KeepAliveConnection implements AutoCloseable {

	private final String host;

	private final int port;

	private final byte[] request;

	private Socket socket;

	private InputStream in;

	private OutputStream out;

	private final StringBuilder line = new StringBuilder(128);

	KeepAliveConnection(String host, int port, String path) {
		this.host = host;
		this.port = port;
		this.request = ("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
				+ "\r\nUser-Agent: outrigger-bench\r\nAccept: */*\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
	}

	/** Opens the connection now, so the first timed request does not pay for the handshake. */
	void open() throws IOException {
		if (this.socket == null) {
			Socket s = new Socket();
			s.setTcpNoDelay(true);
			s.connect(new InetSocketAddress(this.host, this.port), 2000);
			s.setSoTimeout(30_000);
			this.socket = s;
			this.in = new BufferedInputStream(s.getInputStream(), 16384);
			this.out = s.getOutputStream();
		}
	}

	/** Sends the request and reads the answer; returns the HTTP status code. */
	int exchange() throws IOException {
		open();
		try {
			this.out.write(this.request);
			this.out.flush();
			return readResponse();
		}
		catch (IOException ex) {
			close();
			throw ex;
		}
	}

	private int readResponse() throws IOException {
		String status = readLine();
		if (!status.startsWith("HTTP/1.")) {
			throw new IOException("not an HTTP answer: " + status);
		}
		int code = Integer.parseInt(status.substring(9, 12));
		long length = -1;
		boolean chunked = false;
		boolean closeAfter = status.startsWith("HTTP/1.0");
		for (String header = readLine(); !header.isEmpty(); header = readLine()) {
			int colon = header.indexOf(':');
			if (colon <= 0) {
				continue;
			}
			String name = header.substring(0, colon).trim();
			String value = header.substring(colon + 1).trim();
			if (name.equalsIgnoreCase("content-length")) {
				length = Long.parseLong(value);
			}
			else if (name.equalsIgnoreCase("transfer-encoding") && value.toLowerCase().contains("chunked")) {
				chunked = true;
			}
			else if (name.equalsIgnoreCase("connection")) {
				closeAfter = value.equalsIgnoreCase("close");
			}
		}
		if (chunked) {
			for (long size = Long.parseLong(chunkSize(readLine()), 16); size > 0; size = Long
				.parseLong(chunkSize(readLine()), 16)) {
				skip(size);
				readLine();
			}
			while (!readLine().isEmpty()) {
				// trailers
			}
		}
		else if (length >= 0) {
			skip(length);
		}
		else {
			closeAfter = true;
			while (this.in.read() >= 0) {
				// body until close
			}
		}
		if (closeAfter) {
			close();
		}
		return code;
	}

	private static String chunkSize(String line) {
		int semicolon = line.indexOf(';');
		return (semicolon >= 0) ? line.substring(0, semicolon).trim() : line.trim();
	}

	private void skip(long count) throws IOException {
		long left = count;
		while (left > 0) {
			long skipped = this.in.skip(left);
			if (skipped <= 0) {
				if (this.in.read() < 0) {
					throw new EOFException("connection closed in the body");
				}
				skipped = 1;
			}
			left -= skipped;
		}
	}

	private String readLine() throws IOException {
		this.line.setLength(0);
		while (true) {
			int b = this.in.read();
			if (b < 0) {
				throw new EOFException("connection closed by the server");
			}
			if (b == '\n') {
				int end = this.line.length();
				if (end > 0 && this.line.charAt(end - 1) == '\r') {
					this.line.setLength(end - 1);
				}
				return this.line.toString();
			}
			this.line.append((char) b);
		}
	}

	@Override
	public void close() {
		if (this.socket != null) {
			try {
				this.socket.close();
			}
			catch (IOException ignored) {
				// closing anyway
			}
		}
		this.socket = null;
		this.in = null;
		this.out = null;
	}

}
