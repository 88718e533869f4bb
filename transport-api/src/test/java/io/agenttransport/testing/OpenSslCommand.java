package io.agenttransport.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the {@code openssl} command line in a working directory, for tests of PEM input. */
public final class OpenSslCommand {
  private static final long TIMEOUT_SECONDS = 120;

  private final Path directory;

  /** Creates a runner whose commands read and write files in {@code directory}. */
  public OpenSslCommand(Path directory) {
    this.directory = directory;
  }

  /** Returns whether an {@code openssl} executable runs on this machine. */
  public static boolean isAvailable() {
    try {
      Process process = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Runs {@code openssl} with the arguments and returns its standard output.
   *
   * @throws IllegalStateException with the command's error output if it fails or times out
   */
  public String run(String... arguments) {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(arguments));
    try {
      Path errors = Files.createTempFile(directory, "openssl", ".err");
      Process process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectError(errors.toFile())
              .start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("timed out: " + command);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "failed with exit code "
                + process.exitValue()
                + ": "
                + command
                + "\n"
                + Files.readString(errors));
      }
      return output;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + command, e);
    }
  }

  /** Runs {@code openssl} and writes its standard output to {@code fileName}. */
  public Path runToFile(String fileName, String... arguments) throws IOException {
    return Files.writeString(directory.resolve(fileName), run(arguments));
  }
}
