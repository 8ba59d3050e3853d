// Torch seeds one process-wide generator (weight initialization, dropout): in-process tests that check seeded
// determinism would interfere with each other if run side by side, so they share the assembly's one collection and run
// in order. Test classes whose work is in child processes form a second collection (ChildProcessTests) that runs beside it.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly, MaxParallelThreads = 2)]
