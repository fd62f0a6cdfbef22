using BenchmarkDotNet.Running;

namespace Plimsoll.Benchmarks;

public static class Program
{
    /// <summary>dotnet run -c Release --project bench/Plimsoll.Benchmarks -- --filter '*'</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
