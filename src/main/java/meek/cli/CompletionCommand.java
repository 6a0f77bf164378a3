package meek.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec.Target;

/** {@code meek generate-completion}: prints the bash/zsh completion script picocli derives from the commands. */
@Command(
    name = "generate-completion",
    header = "Prints a bash/zsh completion script for meek.",
    mixinStandardHelpOptions = true,
    description = {
      "Prints a completion script for bash and zsh, made from meek's own commands and options, so it never falls behind them.",
      "",
      // (blank lines around the indented ones: the man page's AsciiDoc shows those as literal blocks)
      "For this shell:",
      "",
      "  source <(meek generate-completion)",
      "",
      "For every new bash:",
      "",
      "  mkdir -p ~/.local/share/bash-completion/completions",
      "  meek generate-completion > ~/.local/share/bash-completion/completions/meek",
      "",
      "In zsh, first:",
      "",
      "  autoload -U +X compinit && compinit",
      "  autoload -U +X bashcompinit && bashcompinit"
    })
final class CompletionCommand implements Callable<Integer> {

  @picocli.CommandLine.Spec(Target.SELF)
  CommandSpec self;

  @Override
  public Integer call() {
    // completes the command named meek (on the PATH, or an alias of ./meek)
    self.commandLine().getOut().print(AutoComplete.bash("meek", self.root().commandLine()));
    self.commandLine().getOut().flush();
    return 0;
  }
}
