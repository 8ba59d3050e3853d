using ClassifierToolkit.AutoML.SearchSpaces;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.AutoML.Tuners;

namespace ClassifierToolkit.AutoML.Tests.Tuners;

public class UnitCoordinateTests
{
    // Low, high, step and whether the scale is logarithmic (the domain type is internal, so theories take its parts).
    public static TheoryData<int, int, int, bool> Integers => new()
    {
        { 16, 256, 16, false }, { 1, 1024, 1, true }, { 8, 512, 8, true }, { 1, 9, 2, true }, { 5, 5, 1, false },
    };

    [Theory]
    [MemberData(nameof(Integers))]
    public void Decode_EncodedIntegerValue_GivesTheValueBack(int low, int high, int step, bool log)
    {
        var domain = new IntegerDomain(low, high, step, Log: log);
        foreach (var value in domain.Values())
        {
            Assert.True(UnitCoordinate.TryEncode(domain, ParameterValue.Of(value), out var x));
            Assert.InRange(x, 0, 1);
            Assert.Equal(value, UnitCoordinate.Decode(domain, x).Number);
        }
        Assert.Equal(domain.Low, UnitCoordinate.Decode(domain, 0).Number);
        Assert.Equal(domain.Values()[^1], UnitCoordinate.Decode(domain, 1).Number);
    }

    [Fact]
    public void Encode_Ranges_AreLinearOrLogarithmic()
    {
        Assert.True(UnitCoordinate.TryEncode(new UniformDomain(0, 0.1), ParameterValue.Of(0.025), out var linear));
        Assert.Equal(0.25, linear, 12);
        Assert.True(UnitCoordinate.TryEncode(new LogUniformDomain(1e-5, 1e-1), ParameterValue.Of(1e-3), out var log));
        Assert.Equal(0.5, log, 12);
        Assert.Equal(1e-3, UnitCoordinate.Decode(new LogUniformDomain(1e-5, 1e-1), 0.5).Number, 12);
        Assert.False(UnitCoordinate.TryEncode(new UniformDomain(0, 1), ParameterValue.Of("sgd"), out _));
    }
}
