package dev.outrigger.configserver.publish;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import dev.outrigger.configserver.source.Revision;

/**
 * The folder the config server serves from: every accepted revision is written to a folder
 * of its own, and {@code current} (a symbolic link) is switched to it in one atomic rename,
 * so a request sees one whole revision, and an invalid revision never reaches it. Each
 * revision carries {@code outrigger.config.revision}, so every member knows (and tells) the
 * revision it runs on.
 */
public final class PublishedRevisions {

	/** The property that names the revision a member's config came from. */
	public static final String REVISION_PROPERTY = "outrigger.config.revision";

	private static final String MARKER_DIR = ".outrigger";

	private static final int KEPT = 5;

	private final Path root;

	public PublishedRevisions(Path root) {
		this.root = root.toAbsolutePath().normalize();
	}

	/** The native backend's search locations: the current revision and its revision marker. */
	public String searchLocations() {
		Path current = this.root.resolve("current");
		return current.toUri() + "," + current.resolve(MARKER_DIR).toUri();
	}

	/** The id of the revision served now (left by an earlier run too), or {@code null}. */
	public String current() {
		Path marker = this.root.resolve("current").resolve(MARKER_DIR).resolve("application.properties");
		if (!Files.isRegularFile(marker)) {
			return null;
		}
		Properties properties = new Properties();
		try (InputStream in = Files.newInputStream(marker)) {
			properties.load(in);
			return properties.getProperty(REVISION_PROPERTY);
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * Writes a revision and makes it the one served.
	 * @param revision the revision
	 * @param served properties served to every member besides the files (the services' own policies)
	 */
	public void publish(Revision revision, Map<String, String> served) throws IOException {
		Path revisions = Files.createDirectories(this.root.resolve("revisions"));
		Path target = revisions.resolve(revision.shortId() + "-" + System.nanoTime());
		Files.createDirectories(target.resolve(MARKER_DIR));
		for (Map.Entry<String, String> file : revision.files().entrySet()) {
			Files.writeString(target.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
		}
		Properties marker = new Properties();
		marker.putAll(served);
		marker.setProperty(REVISION_PROPERTY, revision.id());
		try (var out = Files.newBufferedWriter(target.resolve(MARKER_DIR).resolve("application.properties"),
				StandardCharsets.ISO_8859_1)) {
			marker.store(out, "written by the config server: the config repo revision these files come from, "
					+ "and the services' own policies");
		}
		Path link = this.root.resolve("current.next");
		Files.deleteIfExists(link);
		Files.createSymbolicLink(link, this.root.relativize(target));
		Files.move(link, this.root.resolve("current"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		prune(revisions, target);
	}

	// Keeps the newest few, so a request still reading the previous revision finds its files.
	private static void prune(Path revisions, Path keep) throws IOException {
		List<Path> old;
		try (Stream<Path> entries = Files.list(revisions)) {
			old = entries.filter((path) -> !path.equals(keep))
				.sorted(Comparator.comparing(PublishedRevisions::modified).reversed())
				.skip(KEPT - 1)
				.toList();
		}
		for (Path dir : old) {
			try (Stream<Path> paths = Files.walk(dir)) {
				for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
					Files.deleteIfExists(path);
				}
			}
		}
	}

	private static long modified(Path path) {
		try {
			return Files.getLastModifiedTime(path).toMillis();
		}
		catch (IOException ex) {
			return 0;
		}
	}

}
