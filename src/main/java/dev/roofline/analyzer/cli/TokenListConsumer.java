package dev.roofline.analyzer.cli;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Stack;
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
    return !arg.startsWith("-") || arg.equals("-") || looksNegative(arg);
  }

  /**
   * What the original's parser took for a negative number rather than an option: a minus, then
   * digits ({@code -5}), or digits, a point and digits ({@code -.5}, {@code -1.5}).
   */
  static boolean looksNegative(String arg) {
    int point = arg.indexOf('.');
    String whole = point < 0 ? arg.substring(1) : arg.substring(1, point);
    String fraction = point < 0 ? null : arg.substring(point + 1);
    return digits(whole, point < 0) && (fraction == null || digits(fraction, true));
  }

  private static boolean digits(String s, boolean atLeastOne) {
    if (atLeastOne && s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
