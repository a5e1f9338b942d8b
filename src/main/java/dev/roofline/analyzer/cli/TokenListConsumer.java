package dev.roofline.analyzer.cli;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Stack;
import java.util.regex.Pattern;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Reads the values of {@code --cached-tokens}/{@code --input-tokens} as the original's argument
 * parser did: every following argument up to the next option or {@code --} (a negative number is a
 * value, not an option), each an integer; an option given again replaces its earlier values.
 */
final class TokenListConsumer implements IParameterConsumer {

  /** What the original's parser took for a negative number rather than an option. */
  private static final Pattern NEGATIVE_NUMBER = Pattern.compile("^-\\d+$|^-\\d*\\.\\d+$");

  @Override
  public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
    String option = ((OptionSpec) argSpec).longestName();
    List<BigInteger> values = new ArrayList<>();
    while (!args.isEmpty() && isValue(args.peek())) {
      String text = args.pop();
      BigInteger n = WholeNumber.parse(text);
      if (n == null) {
        throw new ParameterException(
            commandSpec.commandLine(),
            option
                + ": '"
                + text
                + "' is not an integer"
                + (values.isEmpty() ? "" : " (put -- before the model name or config path)"));
      }
      values.add(n);
    }
    if (values.isEmpty()) {
      throw new ParameterException(
          commandSpec.commandLine(), option + " expects one or more integers");
    }
    argSpec.setValue(values);
  }

  private static boolean isValue(String arg) {
    return !arg.startsWith("-") || NEGATIVE_NUMBER.matcher(arg).matches() || arg.equals("-");
  }
}
