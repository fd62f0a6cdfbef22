using System.Collections.Immutable;
using Plimsoll.Analysis;

namespace Plimsoll.Rules.Network;

/// <summary>PL3002: a network with <c>driver: overlay</c> and no <c>driver_opts.encrypted</c>; external networks are not judged.</summary>
[PlimsollAnalyzer]
public sealed class UnencryptedOverlayNetworkAnalyzer : PlimsollAnalyzer
{
    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(RuleCatalog.UnencryptedOverlayNetwork);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterComposeNetworkAction(network =>
        {
            var n = network.Network;
            if (n.IsExternal || n.Driver is not { } driver) return;
            if (!string.Equals(network.KnownValue(driver), "overlay", StringComparison.OrdinalIgnoreCase)) return;
            if (n.DriverOpts?.FindEntry("encrypted") != null) return; // docker enables encryption when the option is present
            network.Report(RuleCatalog.UnencryptedOverlayNetwork, driver, n.Name);
        });
    }
}
