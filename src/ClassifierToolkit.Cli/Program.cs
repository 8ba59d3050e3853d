using ClassifierToolkit.Cli;

return CtkApp.Run(args);
