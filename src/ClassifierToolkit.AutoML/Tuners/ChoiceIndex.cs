using ClassifierToolkit.AutoML.SearchSpaces;
using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.Tuners;

/// <summary>Positions of values among a choice's values.</summary>
internal static class ChoiceIndex
{
    /// <summary>The position of <paramref name="value"/> in <paramref name="choice"/>, or -1 when it is not a choice.</summary>
    public static int Of(ChoiceDomain choice, ParameterValue value)
    {
        for (var i = 0; i < choice.Choices.Count; i++)
            if (choice.Choices[i].Equals(value)) return i;
        return -1;
    }
}
