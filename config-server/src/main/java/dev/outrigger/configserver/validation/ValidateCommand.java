package dev.outrigger.configserver.validation;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.outrigger.configserver.source.FolderSource;
import dev.outrigger.configserver.source.Revision;

/**
 * {@code validate [dir]}: the config server's validator on a folder, without starting a
 * server. Prints every problem as {@code file:line: error|warning: reason}; exit code 0 when
 * the folder would be applied, 1 when it would be refused, 2 when it cannot be read.
 */
public final class ValidateCommand {

	private ValidateCommand() {
	}

	public static int run(List<String> args, PrintStream out, PrintStream err) {
		if (args.size() > 1 || (args.size() == 1 && args.get(0).startsWith("-"))) {
			err.println("usage: validate [dir]   (default: ./config-repo)");
			return 2;
		}
		Path dir = Path.of(args.isEmpty() ? "config-repo" : args.get(0));
		if (!Files.isDirectory(dir)) {
			err.println("validate: no such folder: " + dir.toAbsolutePath().normalize());
			return 2;
		}
		Revision revision;
		try {
			revision = new FolderSource(dir).read();
		}
		catch (IOException ex) {
			err.println("validate: cannot read " + dir + ": " + ex.getMessage());
			return 2;
		}
		List<Problem> problems = new ConfigValidator().validate(revision.files());
		problems.forEach((problem) -> out.println(dir.resolve(problem.file()).normalize() + problem.toString()
			.substring(problem.file().length())));
		long errors = problems.stream().filter(Problem::isError).count();
		out.printf("%d file(s) checked: %d error(s), %d warning(s)%s%n", revision.files().size(), errors,
				problems.size() - errors, (errors > 0) ? ": the config server would refuse this revision" : "");
		return (errors > 0) ? 1 : 0;
	}

}
