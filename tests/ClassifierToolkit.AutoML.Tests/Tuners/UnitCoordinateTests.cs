using ClassifierToolkit.AutoML.SearchSpaces;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.AutoML.Tuners;

namespace ClassifierToolkit.AutoML.Tests.Tuners;

public class UnitCoordinateTests
{
    public static TheoryData<IntegerDomain> Integers =>
        [new IntegerDomain(16, 256, 16), new IntegerDomain(1, 1024, 1, Log: true), new IntegerDomain(8, 512, 8, Log: true), new IntegerDomain(1, 9, 2, Log: true), new IntegerDomain(5, 5)];

    [Theory]
    [MemberData(nameof(Integers))]
    public void Decode_EncodedIntegerValue_GivesTheValueBack(IntegerDomain domain)
    {
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
