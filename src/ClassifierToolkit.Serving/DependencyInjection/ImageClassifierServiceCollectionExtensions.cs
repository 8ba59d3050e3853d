using ClassifierToolkit.Serving;
using ClassifierToolkit.Serving.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

// In DI's namespace, as ASP.NET Core's own AddXxx extensions are, so `services.AddImageClassifier` needs no extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers classifier models for an app: <c>services.AddImageClassifier("fashion", "model.zip", watchForChanges: true)</c>,
/// then inject <see cref="ImageClassifierPool"/>.</summary>
public static class ImageClassifierServiceCollectionExtensions
{
    /// <summary>Adds model <paramref name="name"/> from <paramref name="path"/> to the app's <see cref="ImageClassifierPool"/> (a
    /// singleton, registered by the first call). Models load when the pool is first resolved; a missing or unreadable file
    /// fails that resolution with a message naming it.</summary>
    /// <param name="services">The app's services.</param>
    /// <param name="name">The model's name (what <c>pool.Predict(name, ...)</c> takes).</param>
    /// <param name="path">A classifier <c>.zip</c> saved by the toolkit.</param>
    /// <param name="watchForChanges">Reload the file in the background when it is replaced.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentException">The name or path is empty, or the name was registered before.</exception>
    public static IServiceCollection AddImageClassifier(this IServiceCollection services, string name, string path, bool watchForChanges = false)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (services.Any(d => d.ImplementationInstance is ImageClassifierRegistration r && r.Name == name))
            throw new ArgumentException($"A model named '{name}' is already registered; give each model its own name.", nameof(name));
        services.AddSingleton(new ImageClassifierRegistration(name, path, watchForChanges));
        services.TryAddSingleton(provider =>
        {
            var pool = new ImageClassifierPool(provider.GetService<ILogger<ImageClassifierPool>>());
            try
            {
                foreach (var model in provider.GetServices<ImageClassifierRegistration>()) pool.Add(model.Name, model.Path, model.WatchForChanges);
            }
            catch
            {
                pool.Dispose();
                throw;
            }
            return pool;
        });
        return services;
    }
}
