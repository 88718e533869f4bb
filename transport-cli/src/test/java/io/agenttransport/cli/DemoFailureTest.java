package io.agenttransport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agenttransport.cli.demo.Demo;
import io.agenttransport.registry.TransportRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DemoFailureTest {
  @Test
  void failedDemoDeletesFolder() {
    StringWriter out = new StringWriter();

    boolean passed = Demo.run(new PrintWriter(out, true), TransportRegistry.of(List.of()));

    assertThat(passed).isFalse();
    assertThat(out.toString()).contains("[FAIL] demo stopped: ");
    Matcher folder = Pattern.compile("working in (\\S+)").matcher(out.toString());
    assertThat(folder.find()).as(out.toString()).isTrue();
    assertThat(Path.of(folder.group(1))).doesNotExist();
    assertThat(out.toString()).contains("temporary folder deleted");
  }
}
