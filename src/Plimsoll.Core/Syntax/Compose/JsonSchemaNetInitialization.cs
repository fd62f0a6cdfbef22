#if NET
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Json.Schema;

namespace Plimsoll.Syntax.Compose;

/// <summary>
/// Runs JsonSchema.Net's module initialization (its dialect and vocabulary registries, its meta-schemas) on first use of
/// a schema when the process start did not. The Native AOT build stubs that initializer, which Native AOT would otherwise
/// run for every command at start-up (see Plimsoll.Cli/NativeAot/JsonSchemaNet.Substitutions.xml); under the JIT it has
/// already run when the assembly loaded, and this does nothing.
/// </summary>
internal static class JsonSchemaNetInitialization
{
    private const string TypeName = "Json.Schema.__ModuleInitialization";
    private static readonly object s_gate = new();
    private static bool s_done;

    [DynamicDependency(DynamicallyAccessedMemberTypes.NonPublicMethods | DynamicallyAccessedMemberTypes.NonPublicFields, TypeName, "JsonSchema.Net")]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The members are kept by the DynamicDependency above.")]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "The members are kept by the DynamicDependency above.")]
    public static void Ensure()
    {
        if (Volatile.Read(ref s_done)) return;
        lock (s_gate)
        {
            if (s_done) return;
            var type = typeof(JsonSchema).Assembly.GetType(TypeName, throwOnError: true)!;
            var initialized = type.GetField("_initialized", BindingFlags.NonPublic | BindingFlags.Static)
                ?? throw new MissingFieldException(TypeName, "_initialized");
            // Set by the initializer itself when it ran (always under the JIT): then there is nothing to do.
            if ((int)initialized.GetValue(null)! == 0)
            {
                initialized.SetValue(null, 1);
                foreach (var step in new[] { "LoadDialects", "LoadMetaSchemas" })
                {
                    var method = type.GetMethod(step, BindingFlags.NonPublic | BindingFlags.Static) ?? throw new MissingMethodException(TypeName, step);
                    method.Invoke(null, null);
                }
            }
            Volatile.Write(ref s_done, true);
        }
    }
}
#endif
