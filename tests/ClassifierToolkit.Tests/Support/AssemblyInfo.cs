// Torch seeds a process-wide generator (weight initialization, dropout): tests that check seeded
// determinism would interfere with each other if run in parallel.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
