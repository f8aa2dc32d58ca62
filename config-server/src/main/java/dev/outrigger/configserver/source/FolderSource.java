package dev.outrigger.configserver.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A plain folder: what is saved is the next revision, named by a digest of its files. */
public final class FolderSource implements RepoSource {

	private final Path folder;

	public FolderSource(Path folder) {
		this.folder = folder.toAbsolutePath().normalize();
	}

	@Override
	public Revision read() throws IOException {
		Map<String, String> files = new TreeMap<>();
		try (Stream<Path> entries = Files.list(this.folder)) {
			for (Path file : entries.filter(Files::isRegularFile).toList()) {
				String name = file.getFileName().toString();
				if (Revision.isConfigFile(name)) {
					files.put(name, Files.readString(file, StandardCharsets.UTF_8));
				}
			}
		}
		return new Revision("sha256:" + digest(files), files);
	}

	private static String digest(Map<String, String> files) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			files.forEach((name, content) -> {
				digest.update(name.getBytes(StandardCharsets.UTF_8));
				digest.update((byte) 0);
				digest.update(content.getBytes(StandardCharsets.UTF_8));
				digest.update((byte) 0);
			});
			return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	@Override
	public String describe() {
		return "folder " + this.folder;
	}

	@Override
	public boolean local() {
		return true;
	}

}
