using System.Globalization;
using System.Text.RegularExpressions;
using Plimsoll.Syntax.Yaml;

namespace Plimsoll.Syntax.Compose;

/// <summary>The JSON type a YAML scalar loads as (YAML 1.2 core schema, as Compose's loader reads it).</summary>
public enum YamlScalarType
{
    Null,
    Boolean,
    Integer,
    Number,
    String,
}

public static class YamlScalarTypes
{
    private static readonly Regex Integer = new(@"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", RegexOptions.CultureInvariant);
    private static readonly Regex Float = new(@"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", RegexOptions.CultureInvariant);

    /// <summary>The type of a scalar: quoted and block scalars and <c>!!str</c> are strings; plain scalars are resolved.</summary>
    public static YamlScalarType Of(YamlScalarNode scalar)
    {
        switch (scalar.Tag)
        {
            case "tag:yaml.org,2002:str": return YamlScalarType.String;
            case "tag:yaml.org,2002:int": return YamlScalarType.Integer;
            case "tag:yaml.org,2002:float": return YamlScalarType.Number;
            case "tag:yaml.org,2002:bool": return YamlScalarType.Boolean;
            case "tag:yaml.org,2002:null": return YamlScalarType.Null;
        }
        if (scalar.Style != YamlScalarStyle.Plain) return YamlScalarType.String;
        var value = scalar.Value;
        if (value.Length == 0 || value is "~" or "null" or "Null" or "NULL") return YamlScalarType.Null;
        if (value is "true" or "True" or "TRUE" or "false" or "False" or "FALSE") return YamlScalarType.Boolean;
        if (Integer.IsMatch(value)) return YamlScalarType.Integer;
        if (Float.IsMatch(value)) return YamlScalarType.Number;
        return YamlScalarType.String;
    }

    /// <summary>The numeric value of a plain number, if it is one.</summary>
    public static double? NumberOf(YamlScalarNode scalar)
    {
        var type = Of(scalar);
        if (type != YamlScalarType.Integer && type != YamlScalarType.Number) return null;
        var value = scalar.Value;
        if (value.StartsWith("0x", StringComparison.Ordinal))
            return long.TryParse(value.Substring(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex) ? hex : null;
        if (value.StartsWith("0o", StringComparison.Ordinal))
        {
            try { return Convert.ToInt64(value.Substring(2), 8); }
            catch (Exception) { return null; }
        }
        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;
    }
}
