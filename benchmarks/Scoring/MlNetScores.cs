using ClassifierToolkit;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Scoring;

/// <summary>Reads every row of a scored ML.NET view: this is what makes ML.NET's lazy <c>Transform</c> do its work.</summary>
internal static class MlNetScores
{
    /// <summary>The <c>PredictedLabel</c> and <c>Score</c> of each row, through one cursor with reused buffers.</summary>
    public static IReadOnlyList<ScoredImage> Read(IDataView view)
    {
        var score = view.Schema[ColumnNames.Score];
        var label = view.Schema[ColumnNames.PredictedLabel];
        var results = new List<ScoredImage>();
        using var cursor = view.GetRowCursor([score, label]);
        var getScore = cursor.GetGetter<VBuffer<float>>(score);
        var getLabel = cursor.GetGetter<ReadOnlyMemory<char>>(label);
        VBuffer<float> scores = default;
        ReadOnlyMemory<char> text = default;
        while (cursor.MoveNext())
        {
            getScore(ref scores);
            getLabel(ref text);
            // Copied out, as the batched path hands out one array per image too.
            results.Add(new ScoredImage(text.ToString(), scores.DenseValues().ToArray()));
        }
        return results;
    }
}
