package dev.outrigger.configserver.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * One branch of a git repo: each commit is a revision, only what is committed is read. A
 * local repo is read in place; a remote one is mirrored into a bare clone that each read
 * fetches first.
 */
public final class GitSource implements RepoSource {

	private final String uri;

	private final String branch;

	private final Path localRepo;

	private final Path mirror;

	private final CredentialsProvider credentials;

	private GitSource(String uri, String branch, Path localRepo, Path mirror, CredentialsProvider credentials) {
		this.uri = uri;
		this.branch = branch;
		this.localRepo = localRepo;
		this.mirror = mirror;
		this.credentials = credentials;
	}

	/** A repo on this machine, read in place. */
	public static GitSource local(String uri, Path repo, String branch) {
		return new GitSource(uri, branch, repo, null, null);
	}

	/** A remote repo mirrored into {@code mirror}; user and password may be {@code null}. */
	public static GitSource remote(String uri, String branch, Path mirror, String user, String password) {
		CredentialsProvider credentials = (user != null && !user.isBlank())
				? new UsernamePasswordCredentialsProvider(user, (password != null) ? password : "") : null;
		return new GitSource(uri, branch, null, mirror, credentials);
	}

	@Override
	public Revision read() throws IOException {
		try (Repository repository = open()) {
			Ref ref = repository.exactRef(Constants.R_HEADS + this.branch);
			if (ref == null) {
				throw new IOException("no branch '" + this.branch + "' in " + this.uri + " (branches: "
						+ repository.getRefDatabase().getRefsByPrefix(Constants.R_HEADS).stream()
							.map((head) -> Repository.shortenRefName(head.getName())).toList()
						+ "); set OUTRIGGER_CONFIG_LABEL to the branch to serve");
			}
			return read(repository, ref.getObjectId());
		}
	}

	private static Revision read(Repository repository, ObjectId commitId) throws IOException {
		Map<String, String> files = new TreeMap<>();
		try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
			RevCommit commit = walk.parseCommit(commitId);
			tree.addTree(commit.getTree());
			tree.setRecursive(false);
			while (tree.next()) {
				if (!tree.isSubtree() && Revision.isConfigFile(tree.getNameString())) {
					byte[] bytes = repository.open(tree.getObjectId(0)).getBytes();
					files.put(tree.getNameString(), new String(bytes, StandardCharsets.UTF_8));
				}
			}
			return new Revision(commit.getName(), files);
		}
	}

	private Repository open() throws IOException {
		if (this.localRepo != null) {
			return new FileRepositoryBuilder().findGitDir(this.localRepo.toFile()).setMustExist(true).build();
		}
		try {
			if (!Files.isDirectory(this.mirror.resolve("objects"))) {
				Files.createDirectories(this.mirror);
				Git.cloneRepository().setURI(this.uri).setBare(true).setDirectory(this.mirror.toFile())
					.setCredentialsProvider(this.credentials).call().close();
			}
			Repository repository = new FileRepositoryBuilder().setGitDir(this.mirror.toFile()).setMustExist(true).build();
			try (Git git = new Git(repository)) {
				git.fetch().setCredentialsProvider(this.credentials)
					.setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*")).setRemoveDeletedRefs(true).call();
			}
			return repository;
		}
		catch (GitAPIException ex) {
			throw new IOException("cannot fetch " + this.uri + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public String describe() {
		return "git " + this.uri + " (" + this.branch + ")";
	}

	@Override
	public boolean local() {
		return this.localRepo != null;
	}

}
