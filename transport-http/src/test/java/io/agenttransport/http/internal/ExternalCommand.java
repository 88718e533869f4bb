package io.agenttransport.http.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command-line tool such as {@code openssl} or {@code curl} in a working directory. */
final class ExternalCommand {
  private static final long TIMEOUT_SECONDS = 60;

  /**
   * The result of one run.
   *
   * @param exitCode the process exit code
   * @param output the standard output
   * @param errors the standard error output
   */
  record Result(int exitCode, String output, String errors) {}

  private ExternalCommand() {}

  /** Returns whether {@code tool} runs with {@code --version} or {@code version}. */
  static boolean isAvailable(String tool, String versionArgument) {
    try {
      Result result = run(Path.of("."), List.of(tool, versionArgument));
      return result.exitCode() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** Runs {@code command} in {@code directory} and returns its result, whatever its exit code. */
  static Result run(Path directory, List<String> command) throws IOException {
    Path errors = Files.createTempFile("command", ".err");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectError(errors.toFile())
              .start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("timed out after " + TIMEOUT_SECONDS + " s: " + command);
      }
      return new Result(process.exitValue(), output, Files.readString(errors));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + command, e);
    } finally {
      Files.deleteIfExists(errors);
    }
  }

  /** Runs {@code command} and returns its output, failing if the exit code is not zero. */
  static String check(Path directory, String... command) throws IOException {
    Result result = run(directory, List.of(command));
    if (result.exitCode() != 0) {
      throw new IOException(
          "exit code " + result.exitCode() + " from " + List.of(command) + ": " + result.errors());
    }
    return result.output();
  }
}
