package dev.outrigger.core.config.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

import dev.outrigger.core.config.cache.CachedConfig.Identity;

/**
 * The cache file of one application's config. A write goes to a temporary file in the same
 * directory that is then renamed over the cache file, so a reader (or a crash) never sees half
 * a config; a read checks the file field by field and that it is the config asked for.
 */
final class ConfigCacheFile {

	private final Path path;

	private final Identity identity;

	ConfigCacheFile(Path directory, Identity identity) {
		this.path = directory.resolve(identity.fileName());
		this.identity = identity;
	}

	Path path() {
		return this.path;
	}

	Identity identity() {
		return this.identity;
	}

	/**
	 * Replaces the cache file with {@code config}. The directory is created readable by this
	 * user only, and so is the file: config values may be secrets the server decrypted.
	 */
	void write(CachedConfig config) throws IOException {
		Path directory = this.path.getParent();
		createOwnerOnlyDirectory(directory);
		Path temporary = Files.createTempFile(directory, "." + this.path.getFileName(), ".tmp");
		try {
			try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
				ByteBuffer bytes = ByteBuffer.wrap(CachedConfigJson.write(config).getBytes(StandardCharsets.UTF_8));
				while (bytes.hasRemaining()) {
					channel.write(bytes);
				}
				channel.force(true);
			}
			moveOver(temporary);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	/** Reads the cache file; {@code null} if there is none. */
	CachedConfig read() throws InvalidConfigCacheException {
		String text;
		try {
			byte[] bytes = Files.readAllBytes(this.path);
			text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		catch (CharacterCodingException ex) {
			throw invalid("it is not UTF-8 text", ex);
		}
		catch (IOException ex) {
			throw invalid("it cannot be read (" + ex + ")", ex);
		}
		CachedConfig config;
		try {
			config = CachedConfigJson.read(text);
		}
		catch (InvalidConfigCacheException ex) {
			throw invalid(ex.getMessage(), ex);
		}
		if (!config.identity().equals(this.identity)) {
			throw invalid("it holds the config of " + config.identity() + ", not of " + this.identity, null);
		}
		return config;
	}

	private InvalidConfigCacheException invalid(String reason, Throwable cause) {
		return new InvalidConfigCacheException("Config cache file " + this.path + " is unusable: " + reason, cause);
	}

	private void moveOver(Path temporary) throws IOException {
		try {
			Files.move(temporary, this.path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			// a file system without atomic rename: replacing is the best it offers
			Files.move(temporary, this.path, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static void createOwnerOnlyDirectory(Path directory) throws IOException {
		if (Files.isDirectory(directory)) {
			return;
		}
		if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			Files.createDirectories(directory,
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		}
		else {
			Files.createDirectories(directory);
		}
	}

}
