using System.CommandLine;
using WearableFirmware.Simulator;
using Xunit;

namespace WearableFirmware.Tests.Simulator;

/// <summary>
/// The simulator's command line, in process: every command and every option of the real command tree is walked, so
/// an option added later is held to the same rules (typed, finite, in range, not empty, given once).
/// </summary>
public class SimulatorCommandLineTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sim-cli-" + Guid.NewGuid().ToString("N"));

    public SimulatorCommandLineTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> CommandNames()
    {
        var names = new TheoryData<string>();
        foreach (Command c in SimulatorCli.CreateRoot().Subcommands)
        {
            names.Add(c.Name);
        }

        return names;
    }

    private static (int Code, string Out, string Err) Cli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = SimulatorCli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    // The command's name and what it needs besides the option under test (its data folder).
    private string[] Prefix(Command command)
    {
        var args = new List<string> { command.Name };
        args.AddRange(command.Arguments.Select(_ => _dir));
        if (command.Options.Any(o => o.Name == "--data"))
        {
            args.AddRange(["--data", _dir]);
        }

        return args.ToArray();
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void Every_command_answers_dash_h_with_its_options_and_exit_zero(string name)
    {
        foreach (string help in new[] { "-h", "--help" })
        {
            var (code, output, error) = Cli(name, help);
            Assert.True(code == 0, error);
            Assert.Contains("Usage:", output);
            Assert.Contains(name, output);
        }
    }

    [Fact]
    public void Top_level_help_lists_every_command()
    {
        var (code, output, _) = Cli("-h");
        Assert.Equal(0, code);
        foreach (Command c in SimulatorCli.CreateRoot().Subcommands)
        {
            Assert.Contains(c.Name, output);
        }
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void Every_numeric_option_refuses_nan_and_infinities(string name)
    {
        Command command = SimulatorCli.CreateRoot().Subcommands.Single(c => c.Name == name);
        foreach (Option option in command.Options.Where(o => o.ValueType == typeof(double?) || o.ValueType == typeof(int?)))
        {
            foreach (string value in new[] { "NaN", "Infinity", "-Infinity", "1e400", "nan", "∞" })
            {
                var (code, _, error) = Cli([.. Prefix(command), option.Name, value]);
                Assert.True(code == 2, $"{name} {option.Name} {value}: exit {code}");
                Assert.Contains(option.Name + " must be a", error);
                Assert.Single(error.Trim().Split('\n'));
            }
        }
    }

    [Theory]
    [InlineData("--duration", "NaN")]
    [InlineData("--nack", "NaN")]
    [InlineData("--speed", "Infinity")]
    [InlineData("--phone-away", "NaN:10")]
    [InlineData("--phone-away", "1:Infinity")]
    [InlineData("--phone-away", "-Infinity:5")]
    public void Run_refuses_non_finite_numbers_before_simulating(string option, string value)
    {
        var (code, output, error) = Cli("run", option, value, "--plot", Path.Combine(_dir, "p.png"), "--btsnoop", Path.Combine(_dir, "s.btsnoop"));
        Assert.Equal(2, code);
        Assert.StartsWith("error: " + option, error);
        Assert.DoesNotContain("summary", output);
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void Every_option_and_flag_given_twice_is_refused(string name)
    {
        Command command = SimulatorCli.CreateRoot().Subcommands.Single(c => c.Name == name);
        foreach (Option option in command.Options.Where(o => !o.Name.StartsWith("-h") && o.Name != "--help"))
        {
            bool flag = option.ValueType == typeof(bool);
            string value = option.ValueType == typeof(string) ? "x" : "1";
            string[] once = flag ? [option.Name] : [option.Name, value];
            var (code, _, error) = Cli([.. Prefix(command), .. once, .. once]);
            Assert.True(code == 2, $"{name} {option.Name} twice: exit {code}");
            Assert.Contains(option.Name, error);
        }
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void Every_text_option_refuses_an_empty_value_and_a_flag_refuses_a_value(string name)
    {
        Command command = SimulatorCli.CreateRoot().Subcommands.Single(c => c.Name == name);
        foreach (Option option in command.Options.Where(o => o.ValueType == typeof(string)))
        {
            var (code, _, error) = Cli([.. Prefix(command), option.Name, ""]);
            Assert.True(code == 2, $"{name} {option.Name} \"\": exit {code}");
            Assert.Contains(option.Name, error);
        }

        foreach (Option option in command.Options.Where(o => o.ValueType == typeof(bool) && o.Name.StartsWith("--") && o.Name != "--help"))
        {
            var (code, _, _) = Cli([.. Prefix(command), option.Name, "yes"]);
            Assert.True(code == 2, $"{name} {option.Name} yes: exit {code}");
        }
    }

    [Theory]
    [InlineData("run --bogus 1", "unknown option --bogus")]
    [InlineData("eval-falls DIR --bogus", "unknown option --bogus")]
    [InlineData("fly", "unknown command 'fly'")]
    [InlineData("run extra", "unexpected argument 'extra'")]
    [InlineData("run --duration", "--duration")]
    public void Unknown_words_and_missing_values_are_one_clear_error(string args, string message)
    {
        var (code, _, error) = Cli(args.Replace("DIR", _dir).Split(' '));
        Assert.Equal(2, code);
        Assert.Contains(message, error);
    }

    [Theory]
    [InlineData("run --plot OUT")]
    [InlineData("run --btsnoop OUT")]
    [InlineData("soak-store --plot OUT")]
    [InlineData("eval-falls DIR --png OUT")]
    [InlineData("fit-spo2 DIR --out OUT")]
    [InlineData("tune-falls DIR --features OUT")]
    public void An_output_file_that_is_a_directory_is_refused_before_anything_runs(string args)
    {
        string outDir = Path.Combine(_dir, "out");
        Directory.CreateDirectory(outDir);
        var (code, output, error) = Cli(args.Replace("OUT", outDir).Replace("DIR", _dir).Split(' '));
        Assert.Equal(2, code);
        Assert.Contains("not the directory", error);
        Assert.Equal("", output);
    }

    [Theory]
    [InlineData("--plot")]
    [InlineData("--btsnoop")]
    public void An_unwritable_output_is_refused_before_the_run_starts(string option)
    {
        string aFile = Path.Combine(_dir, "plain-file");
        File.WriteAllText(aFile, "x");
        // A path below a regular file cannot be created, even by root.
        var (code, output, error) = Cli("run", "--duration", "3000", option, Path.Combine(aFile, "x.out"));
        Assert.Equal(2, code);
        Assert.Contains(option + ": cannot write", error);
        Assert.DoesNotContain("t=", output);
    }

    [Fact]
    public void A_directory_given_as_an_input_file_is_refused()
    {
        var (code, _, error) = Cli("run", "--calibration", _dir);
        Assert.Equal(2, code);
        Assert.Contains("--calibration wants a file", error);
    }

    [Fact]
    public void A_file_given_as_the_data_directory_is_refused()
    {
        string aFile = Path.Combine(_dir, "plain-file");
        File.WriteAllText(aFile, "x");
        var (code, _, error) = Cli("eval-ppg", aFile);
        Assert.Equal(2, code);
        Assert.Contains("not the file", error);
    }

    [Fact]
    public void Tune_falls_refuses_options_of_the_other_placement()
    {
        // An empty folder reads as SisFall (waist): the wrist model's options do not apply.
        var (code, _, error) = Cli("tune-falls", _dir, "--write-model", Path.Combine(_dir, "m.cs"));
        Assert.Equal(2, code);
        Assert.Contains("--write-model is for WEDA-FALL", error);
    }

    [Fact]
    public void Completion_offers_options_and_choices_through_the_suggest_directive()
    {
        var (_, options, _) = Cli("[suggest:9]", "run --pai");
        Assert.Contains("--pairing", options.Split('\n', StringSplitOptions.TrimEntries));
        var (_, choices, _) = Cli("[suggest:17]", "run --scenario fa");
        Assert.Equal(["fall", "fall-cancelled"], choices.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var (code, script, _) = Cli("completion");
        Assert.Equal(0, code);
        Assert.Contains("[suggest:${COMP_POINT}]", script);
    }
}
