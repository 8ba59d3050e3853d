using System.Text.Json;
using ClassifierToolkit.AutoML.SearchSpaces;
using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.Tuners;

/// <summary>
/// Maps numeric domains onto [0, 1], where model-based tuners search: linear for <see cref="UniformDomain"/>, logarithmic
/// for <see cref="LogUniformDomain"/>. An <see cref="IntegerDomain"/> with K values splits [0, 1] into K cells of equal
/// width (equal width in log space when <see cref="IntegerDomain.Log"/>), so a uniform coordinate gives every value the
/// probability a uniform (or log-uniform) integer should have, and a value encodes inside its own cell.
/// </summary>
internal static class UnitCoordinate
{
    /// <summary>True for the domains this class maps (everything but <see cref="ChoiceDomain"/>).</summary>
    public static bool IsNumeric(ParameterDomain domain) => domain is UniformDomain or LogUniformDomain or IntegerDomain;

    /// <summary>The coordinate of <paramref name="value"/>, clamped to [0, 1]; false when the value is not a finite number.</summary>
    public static bool TryEncode(ParameterDomain domain, ParameterValue value, out double coordinate)
    {
        coordinate = 0;
        if (value.Kind != JsonValueKind.Number || !double.IsFinite(value.Number)) return false;
        var x = value.Number;
        coordinate = domain switch
        {
            UniformDomain u => (x - u.Low) / (u.High - u.Low),
            LogUniformDomain l => x > 0 ? Math.Log(x / l.Low) / Math.Log(l.High / l.Low) : 0,
            IntegerDomain i => EncodeInteger(i, x),
            _ => throw new ArgumentException($"A '{domain.GetType().Name}' has no numeric coordinate.", nameof(domain)),
        };
        coordinate = Math.Clamp(coordinate, 0, 1);
        return true;
    }

    /// <summary>The value at <paramref name="coordinate"/> (clamped to [0, 1]); integers snap to their step grid.</summary>
    public static ParameterValue Decode(ParameterDomain domain, double coordinate)
    {
        var t = Math.Clamp(coordinate, 0, 1);
        return domain switch
        {
            UniformDomain u => ParameterValue.Of(t >= 1 ? u.High : Math.Clamp(u.Low + t * (u.High - u.Low), u.Low, u.High)),
            LogUniformDomain l => ParameterValue.Of(t >= 1 ? l.High : Math.Clamp(l.Low * Math.Exp(t * Math.Log(l.High / l.Low)), l.Low, l.High)),
            IntegerDomain i => ParameterValue.Of(i.Low + DecodeIndex(i, t) * (double)i.Step),
            _ => throw new ArgumentException($"A '{domain.GetType().Name}' has no numeric coordinate.", nameof(domain)),
        };
    }

    /// <summary>The width of one value's cell for integers (finer moves cannot change the value), or null for real ranges.</summary>
    public static double? Resolution(ParameterDomain domain) => domain is IntegerDomain i ? 1.0 / Count(i) : null;

    private static long Count(IntegerDomain domain) => ((long)domain.High - domain.Low) / domain.Step + 1;

    private static double EncodeInteger(IntegerDomain domain, double x)
    {
        var count = Count(domain);
        if (count == 1) return 0.5;
        var index = (long)Math.Clamp(Math.Round((x - domain.Low) / domain.Step), 0, count - 1);
        if (!domain.Log) return (index + 0.5) / count;
        var (start, end) = LogEdges(domain, count);
        return (Math.Log(domain.Low + index * (double)domain.Step) - start) / (end - start);
    }

    private static long DecodeIndex(IntegerDomain domain, double t)
    {
        var count = Count(domain);
        if (count == 1) return 0;
        if (!domain.Log) return Math.Min(count - 1, (long)Math.Floor(t * count));
        var (start, end) = LogEdges(domain, count);
        var x = Math.Exp(start + t * (end - start));
        return (long)Math.Clamp(Math.Round((x - domain.Low) / domain.Step), 0, count - 1);
    }

    // Log-space ends of the coordinate range: half a cell beyond the first and last values, a cell being the log gap
    // to the neighbouring value.
    private static (double Start, double End) LogEdges(IntegerDomain domain, long count)
    {
        double low = domain.Low, last = domain.Low + (count - 1) * domain.Step;
        var firstGap = Math.Log((low + domain.Step) / low);
        var lastGap = Math.Log(last / (last - domain.Step));
        return (Math.Log(low) - firstGap / 2, Math.Log(last) + lastGap / 2);
    }
}
