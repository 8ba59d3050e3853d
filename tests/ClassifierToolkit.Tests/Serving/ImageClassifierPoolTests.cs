using ClassifierToolkit.Prediction;
using System.Security.Cryptography;
using ClassifierToolkit.Serving;
using ClassifierToolkit.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClassifierToolkit.Tests.Serving;

public class ImageClassifierPoolTests(TrainedModelFixture model) : IClassFixture<TrainedModelFixture>
{
    // Two different classifiers of the same input: the fixture's (2 epochs on the sample) and the shipped seed CNN.
    private string ModelA => model.ModelPath;
    private static string ModelB => Path.Combine(TestPaths.RepoRoot, "models", "fashion-mnist-cnn.zip");

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private string ServedCopyOfA()
    {
        var path = Path.Combine(TestPaths.NewTempFolder(), "model.zip");
        File.Copy(ModelA, path);
        return path;
    }

    private static void WaitFor(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}.");
            Thread.Sleep(50);
        }
    }

    // Predicts on several threads until stopped; returns every failure.
    private (Action Stop, Func<List<Exception>> Failures) PredictInBackground(ImageClassifierPool pool, int threads = 3)
    {
        var failures = new List<Exception>();
        using var started = new CountdownEvent(threads);
        var stop = false;
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            started.Signal();
            for (int i = 0; !Volatile.Read(ref stop); i++)
            {
                try { pool.Predict("fashion", model.TestFiles[(t * 7 + i) % model.TestFiles.Count].ImagePath); }
                catch (Exception e) { lock (failures) failures.Add(e); }
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        started.Wait();
        return (() => { Volatile.Write(ref stop, true); workers.ForEach(w => w.Join()); }, () => failures);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Watched_FileReplaced_NewCallsGetTheNewModelAndNoCallFails(bool writeThenRename)
    {
        var path = ServedCopyOfA();
        using var pool = new ImageClassifierPool();
        pool.Add("fashion", path, watchForChanges: true);
        var (stop, failures) = PredictInBackground(pool);

        if (writeThenRename)
        {
            File.Copy(ModelB, path + ".tmp");
            File.Move(path + ".tmp", path, overwrite: true);
        }
        else File.Copy(ModelB, path, overwrite: true);
        WaitFor(() => pool.Describe("fashion").Identity.Sha256 == Sha256(ModelB), "the new model to be served");
        Thread.Sleep(200);
        stop();

        Assert.Empty(failures());
        using var expected = ImageClassifier.Load(ModelB);
        var image = model.TestFiles[0].ImagePath;
        Assert.Equal(expected.Predict(ImageData.FromFile(image)).Scores, pool.Predict("fashion", image).Scores);
    }

    [Fact]
    public void Watched_CorruptReplacement_IsRefusedWithALoggedErrorAndTheOldModelKeepsServing()
    {
        var path = ServedCopyOfA();
        var logger = new ListLogger<ImageClassifierPool>();
        using var pool = new ImageClassifierPool(logger);
        pool.Add("fashion", path, watchForChanges: true);
        var before = pool.Predict("fashion", model.TestFiles[0].ImagePath);

        File.WriteAllBytes(path + ".tmp", File.ReadAllBytes(ModelB)[..1000]);
        File.Move(path + ".tmp", path, overwrite: true);
        WaitFor(() => logger.Entries.Any(e => e.Level == LogLevel.Error), "the refusal to be logged");

        var error = logger.Entries.First(e => e.Level == LogLevel.Error).Message;
        Assert.Contains(path, error);
        Assert.Contains("still serving", error);
        Assert.Equal(Sha256(ModelA), pool.Describe("fashion").Identity.Sha256);
        Assert.Equal(before.Scores, pool.Predict("fashion", model.TestFiles[0].ImagePath).Scores);
    }

    [Fact]
    public async Task Reload_ReplacedModel_IsFreedWhenItsLastCallEnds()
    {
        var path = ServedCopyOfA();
        using var pool = new ImageClassifierPool();
        pool.Add("fashion", path);
        File.Copy(ModelB, path, overwrite: true);
        var old = pool.Current("fashion");

        // A call that is running while the model is replaced keeps its model alive until it returns.
        using var stalled = new StalledStream(File.ReadAllBytes(model.TestFiles[0].ImagePath));
        var call = Task.Run(() => pool.Predict("fashion", ImageData.FromStream(stalled)));
        stalled.Reading.Wait();
        Assert.True(pool.Reload("fashion"));
        Assert.False(old.IsDisposed);
        stalled.Release.Set();
        await call;

        Assert.True(old.IsDisposed);
        Assert.False(pool.Current("fashion").IsDisposed);
        Assert.Equal(Sha256(ModelB), pool.Describe("fashion").Identity.Sha256);
    }

    [Fact]
    public void Reload_UnchangedContent_KeepsTheLoadedModel()
    {
        var path = ServedCopyOfA();
        using var pool = new ImageClassifierPool();
        pool.Add("fashion", path);
        var loaded = pool.Describe("fashion").Identity;
        File.Copy(ModelA, path, overwrite: true);

        Assert.False(pool.Reload("fashion"));
        Assert.Equal(loaded, pool.Describe("fashion").Identity);
    }

    [Fact]
    public void Predict_ManyThreads_EveryResultEqualsTheSingleThreadedOne()
    {
        using var pool = new ImageClassifierPool();
        pool.Add("fashion", ModelA);
        var files = model.TestFiles.Take(40).Select(f => f.ImagePath).ToList();
        var expected = files.Select(f => pool.Predict("fashion", f).Scores).ToList();

        var mismatches = 0;
        Parallel.For(0, 8 * files.Count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            if (!pool.Predict("fashion", files[i % files.Count]).Scores.SequenceEqual(expected[i % files.Count])) Interlocked.Increment(ref mismatches);
        });

        Assert.Equal(0, mismatches);
    }

    [Fact]
    public void Predict_UnknownModel_ListsTheNames()
    {
        using var pool = new ImageClassifierPool();
        pool.Add("fashion", ModelA);
        var error = Assert.Throws<KeyNotFoundException>(() => pool.Predict("shoes", model.TestFiles[0].ImagePath));
        Assert.Contains("'shoes'", error.Message);
        Assert.Contains("fashion", error.Message);
    }

    [Fact]
    public void Remove_StopsServingTheName_FreesItsModel_AndTheNameCanBeAddedAgain()
    {
        using var pool = new ImageClassifierPool();
        pool.Add("fashion", ModelA);
        var removed = pool.Current("fashion");

        Assert.True(pool.Remove("fashion"));
        Assert.False(pool.Remove("fashion"));
        Assert.Throws<KeyNotFoundException>(() => pool.Predict("fashion", model.TestFiles[0].ImagePath));
        Assert.True(removed.IsDisposed);
        pool.Add("fashion", ModelB);
        Assert.Equal(Sha256(ModelB), pool.Describe("fashion").Identity.Sha256);
    }

    [Fact]
    public void AddImageClassifier_ResolvedPool_ServesTheNamedModels()
    {
        var services = new ServiceCollection()
            .AddImageClassifier("trained", ModelA)
            .AddImageClassifier("seed", ModelB);
        using var provider = services.BuildServiceProvider();

        var pool = provider.GetRequiredService<ImageClassifierPool>();

        Assert.Equal(["seed", "trained"], pool.Names);
        Assert.Equal(Sha256(ModelB), pool.Describe("seed").Identity.Sha256);
        using var seed = ImageClassifier.Load(ModelB);
        var image = model.TestFiles[0].ImagePath;
        Assert.Equal(seed.Predict(ImageData.FromFile(image)).Scores, pool.Predict("seed", image).Scores);
    }

    [Fact]
    public void AddImageClassifier_SameNameTwice_Throws()
    {
        var services = new ServiceCollection().AddImageClassifier("m", ModelA);
        var error = Assert.Throws<ArgumentException>(() => services.AddImageClassifier("m", ModelB));
        Assert.Contains("'m'", error.Message);
    }

    [Fact]
    public void AddImageClassifier_MissingFile_ResolutionNamesIt()
    {
        using var provider = new ServiceCollection().AddImageClassifier("m", "/no/such/model.zip").BuildServiceProvider();
        var error = Assert.Throws<FileNotFoundException>(() => provider.GetRequiredService<ImageClassifierPool>());
        Assert.Contains("/no/such/model.zip", error.Message);
    }

    // A readable image stream whose first read waits until released: a call caught in the middle.
    private sealed class StalledStream(byte[] bytes) : MemoryStream(bytes)
    {
        public ManualResetEventSlim Reading { get; } = new();
        public ManualResetEventSlim Release { get; } = new();

        public override int Read(byte[] buffer, int offset, int count)
        {
            Reading.Set();
            Release.Wait();
            return base.Read(buffer, offset, count);
        }

        public override int Read(Span<byte> buffer)
        {
            Reading.Set();
            Release.Wait();
            return base.Read(buffer);
        }
    }
}
