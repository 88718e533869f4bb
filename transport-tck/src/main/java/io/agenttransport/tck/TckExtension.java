package io.agenttransport.tck;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * Passes each rule a new {@link Tck} for the test instance's {@link TckSubject}, and closes it when
 * the rule ends, whatever its outcome.
 */
public final class TckExtension implements ParameterResolver, TestInstancePostProcessor {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(TckExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Tck.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Object instance = context.getRequiredTestInstance();
    if (!(instance instanceof TckSubject subject)) {
      throw new ParameterResolutionException(
          instance.getClass().getName() + " does not implement TckSubject: extend TransportTck");
    }
    Tck tck = new Tck(subject);
    context.getStore(NAMESPACE).put(Tck.class, tck);
    return tck;
  }

  /** Records the provider name of the test class for the compliance report. */
  @Override
  public void postProcessTestInstance(Object instance, ExtensionContext context) {
    if (instance instanceof TckSubject subject) {
      TckRuns.recordProvider(instance.getClass().getName(), subject.provider().name());
    }
  }
}
