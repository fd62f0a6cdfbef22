using System.Reflection;
using Json.Schema;
using Plimsoll.Syntax.Compose;

namespace Plimsoll.Tests.Syntax.Compose;

/// <summary>
/// The native tool stubs JsonSchema.Net's module initializer and runs its two steps on first use of a schema
/// (<see cref="JsonSchemaNetInitialization"/>): the members it reaches by name must exist in the JsonSchema.Net in use.
/// </summary>
public class JsonSchemaNetInitializationTests
{
    [Fact]
    public void The_initializer_members_reached_by_name_exist_and_ensuring_again_is_harmless()
    {
        var type = typeof(JsonSchema).Assembly.GetType("Json.Schema.__ModuleInitialization", throwOnError: true)!;
        Assert.NotNull(type.GetField("_initialized", BindingFlags.NonPublic | BindingFlags.Static));
        Assert.NotNull(type.GetMethod("LoadDialects", BindingFlags.NonPublic | BindingFlags.Static));
        Assert.NotNull(type.GetMethod("LoadMetaSchemas", BindingFlags.NonPublic | BindingFlags.Static));

        JsonSchemaNetInitialization.Ensure(withMetaSchemas: false);
        JsonSchemaNetInitialization.Ensure(withMetaSchemas: true);
        JsonSchemaNetInitialization.Ensure(withMetaSchemas: true);
        Assert.NotNull(ComposeSchema.Default!.Schema);
    }
}
