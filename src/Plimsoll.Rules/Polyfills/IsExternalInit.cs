#if NETSTANDARD2_0
// Lets netstandard2.0 use records and init-only setters; the net10.0 build has the real type.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit { }
}
#endif
