using System.CommandLine;

namespace WearableFirmware.Simulator.Commands;

/// <summary>
/// Prints a shell script that completes the simulator's commands, options and choices: the shell function asks the
/// simulator itself through System.CommandLine's [suggest] directive, so completion never goes stale.
/// </summary>
public sealed class CompletionCommand : Command
{
    private readonly Option<string?> _shell = Cli.Choice("--shell", "bash or zsh (default bash)", "shell", "bash", "zsh");
    private readonly Option<string?> _invoke = Cli.Text("--as", "how the simulator is started (default: dotnet <path of this WearableFirmware.Simulator.dll>)", "command");

    public CompletionCommand(RootCommand root)
        : base("completion", "print a tab-completion script: source <(WearableFirmware.Simulator completion)")
    {
        Options.Add(_shell);
        Options.Add(_invoke);
        SetAction(args =>
        {
            string invoke = args.GetValue(_invoke) ?? "dotnet " + Quote(typeof(CompletionCommand).Assembly.Location);
            args.InvocationConfiguration.Output.Write(Script(args.GetValue(_shell) ?? "bash", invoke, root.Name));
            return 0;
        });
    }

    /// <summary>The script: the shell passes the whole line and the cursor position to "[suggest:N]".</summary>
    public static string Script(string shell, string invoke, string name)
    {
        string function = "_wearable_simulator_complete";
        string body = $$"""
            {{function}}() {
                local IFS=$'\n'
                COMPREPLY=( $(compgen -W "$({{invoke}} "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}") )
            }
            complete -o default -F {{function}} {{name}} WearableFirmware.Simulator

            """;
        return shell == "zsh" ? "autoload -U +X bashcompinit && bashcompinit\n" + body : body;
    }

    private static string Quote(string path) => "'" + path.Replace("'", "'\\''") + "'";
}
