#if NET
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Json.Schema;

namespace Plimsoll.Syntax.Compose;

/// <summary>
/// Runs JsonSchema.Net's module initialization on first use of a schema when the process start did not: its dialect and
/// vocabulary registries, and — only for a schema of the user's, which may refer to them — its twenty standard
/// meta-schemas (the shipped Compose schema refers to none). The Native AOT build stubs that initializer, which Native
/// AOT would otherwise run for every command at start-up (see Plimsoll.Cli/NativeAot/JsonSchemaNet.Substitutions.xml);
/// under the JIT it has already run when the assembly loaded, and this does nothing.
/// </summary>
internal static class JsonSchemaNetInitialization
{
    private const string TypeName = "Json.Schema.__ModuleInitialization";
    private static readonly object s_gate = new();
    private static bool s_checked;
    private static bool s_dialectsLoaded;
    private static bool s_metaSchemasLoaded;

    [DynamicDependency(DynamicallyAccessedMemberTypes.NonPublicMethods | DynamicallyAccessedMemberTypes.NonPublicFields, TypeName, "JsonSchema.Net")]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The members are kept by the DynamicDependency above.")]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "The members are kept by the DynamicDependency above.")]
    public static void Ensure(bool withMetaSchemas)
    {
        if (Volatile.Read(ref s_metaSchemasLoaded) || (!withMetaSchemas && Volatile.Read(ref s_dialectsLoaded))) return;
        lock (s_gate)
        {
            var type = typeof(JsonSchema).Assembly.GetType(TypeName, throwOnError: true)!;
            if (!s_checked)
            {
                var initialized = type.GetField("_initialized", BindingFlags.NonPublic | BindingFlags.Static)
                    ?? throw new MissingFieldException(TypeName, "_initialized");
                // Set by the initializer itself when it ran (always under the JIT): then there is nothing to do.
                if ((int)initialized.GetValue(null)! != 0) s_dialectsLoaded = s_metaSchemasLoaded = true;
                else initialized.SetValue(null, 1);
                s_checked = true;
            }
            if (!s_dialectsLoaded)
            {
                Run(type, "LoadDialects");
                Volatile.Write(ref s_dialectsLoaded, true);
            }
            if (withMetaSchemas && !s_metaSchemasLoaded)
            {
                Run(type, "LoadMetaSchemas");
                Volatile.Write(ref s_metaSchemasLoaded, true);
            }
        }
    }

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "The members are kept by the DynamicDependency on Ensure.")]
    private static void Run(Type type, string step)
        => (type.GetMethod(step, BindingFlags.NonPublic | BindingFlags.Static) ?? throw new MissingMethodException(TypeName, step)).Invoke(null, null);
}
#endif
